import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { gtr, subject } from './gtr-support';
import { CookieJar, login, promptNone, sessionState } from './login-support';
import {
  basic,
  type Client,
  createClient,
  createUser,
  expect,
  form,
  GTR_SCOPE_DN,
  JANS,
  opFetch,
  revoke,
  REVOKE_SCOPE_DN,
  startOp,
  test,
  tokenFor,
  type User,
  viewAt,
} from './support';

/**
 * Multi-node mode (fixtures/reference-op/cluster.ts): the issuer round-robins over the nodes, all
 * sharing one store, each with a node-local session cache that serves a session it read for
 * nodeCacheMs, also after another node removed it.
 */

const NODE_CACHE_MS = 2_000;
/** Slack on top of nodeCacheMs for a slow, shared machine (polls return as soon as the answer is there). */
const MARGIN_MS = 1_500;

type Removal = (op: RunningReferenceOp, at: RunningReferenceOp, w: ClusterWorld) => Promise<void>;

interface ClusterWorld {
  token: string;
  user: User;
  client: Client;
  jar: CookieJar;
}

/** A user logged in (through `at`) at a trusted client holding both revocation scopes. */
async function clusterWorld(op: RunningReferenceOp, at: RunningReferenceOp): Promise<ClusterWorld> {
  const token = await tokenFor(op);
  const user = await createUser(op, token);
  const client = await createClient(op, token, {
    grantTypes: ['authorization_code', 'client_credentials'],
    scopes: [REVOKE_SCOPE_DN, GTR_SCOPE_DN, 'openid', 'profile'],
  });
  const { jar, location } = await login(at, client, user);
  // The whole login stayed at the node it began at: follow() stops at the first redirect that
  // leaves `at`, so a code here means no redirect went to the balancer or another node.
  expect(location.searchParams.get('code')).toBeTruthy();
  return { token, user, client, jar };
}

/** An RP-initiated logout in the user's browser, confirmed on the page (oidc-provider's xsrf form). */
async function logout(at: RunningReferenceOp, jar: CookieJar, client: Client): Promise<void> {
  const page = await jar.fetch(`${at.issuer}${JANS}/end_session?client_id=${encodeURIComponent(client.inum)}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(new URL(action).origin, 'the logout form posts back to the node that rendered it').toBe(at.issuer);
  const done = await jar.fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ xsrf, logout: 'yes' }),
  });
  expect(done.status).toBe(303);
}

const REMOVALS: Array<[string, Removal]> = [
  [
    'revoke_session',
    async (op, at, w) => {
      const res = await revoke(at, {
        auth: basic(w.client.inum, w.client.clientSecret),
        params: { user_criterion_key: 'uid', user_criterion_value: w.user.userId },
      });
      expect(res.status).toBe(200);
    },
  ],
  [
    'Global Token Revocation',
    async (op, at, w) => {
      const res = await gtr(at, { auth: basic(w.client.inum, w.client.clientSecret), body: subject('uid', w.user.userId) });
      expect(res.status).toBe(204);
    },
  ],
  // In a copy of the browser: the logout clears its session_id, the copy kept to probe with holds it still.
  ['logout', async (op, at, w) => logout(at, copyOf(op, w.jar), w.client)],
];

/**
 * A copy of a browser's cookies, to probe one node with. oidc-provider answers a request whose
 * session_id names no session with a new session_id cookie, so a prompt=none that finds the session
 * gone at one node would otherwise hide from the next probe what another node still serves.
 */
function copyOf(op: RunningReferenceOp, jar: CookieJar): CookieJar {
  const copy = new CookieJar(opFetch(op));
  for (const [name, value] of jar.cookies) copy.cookies.set(name, value);
  return copy;
}

/** Reads every `intervalMs` until `deadline` (epoch ms) and returns every value read: the proof that something held the whole time. */
async function readUntil<T>(read: () => Promise<T>, deadline: number, intervalMs = 100): Promise<T[]> {
  const seen: T[] = [];
  do {
    seen.push(await read());
    const left = deadline - Date.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  } while (Date.now() < deadline);
  seen.push(await read());
  return seen;
}

test('one node (the default) is one server: no node URLs, no node stats', async () => {
  const op = await startOp();
  try {
    expect(op.nodeUrls).toEqual([]);
    expect(op.stats().nodes).toEqual([]);
  } finally {
    await op.close();
  }
});

test('options: nodes and nodeCacheMs are validated, a cluster fault needs a cluster', async () => {
  await expect(startOp({ nodes: 0 })).rejects.toThrow(/nodes must be an integer/);
  await expect(startOp({ nodes: 1.5 })).rejects.toThrow(/nodes must be an integer/);
  await expect(startOp({ nodes: 2, nodeCacheMs: -1 })).rejects.toThrow(/nodeCacheMs/);
  await expect(startOp({ faults: ['node-never-forgets'] })).rejects.toThrow(/node-never-forgets.*nodes ≥ 2/);
});

test('the issuer round-robins over three nodes, which share users, clients and sessions', async () => {
  const op = await startOp({ nodes: 3 });
  try {
    expect(op.nodeUrls).toHaveLength(3);
    expect(new Set([op.issuer, ...op.nodeUrls]).size).toBe(4);
    for (const url of op.nodeUrls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const before = op.stats().nodes.map((n) => n.requests);
    for (let i = 0; i < 6; i++) expect((await opFetch(op)(`${op.issuer}/.well-known/openid-configuration`)).status).toBe(200);
    expect(op.stats().nodes.map((n, i) => n.requests - (before[i] ?? 0))).toEqual([2, 2, 2]);
    // Discovery at a node names the issuer (the balancer), as every node of a cluster does.
    const doc = (await (await fetch(`${op.nodeUrls[1]}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(op.issuer);
    expect(doc.authorization_endpoint).toBe(`${op.issuer}${JANS}/authorize`);

    // Provisioned through the balancer (three nodes in turn), logged in at node 2.
    const w = await clusterWorld(op, viewAt(op, op.nodeUrls[2] ?? ''));
    for (const url of [op.issuer, ...op.nodeUrls]) {
      const at = viewAt(op, url);
      expect(await sessionState(at, w.jar), url).toBe('authenticated');
      expect(await promptNone(at, w.client, w.jar), url).toBe('code');
    }
    // A login through the balancer works too: its redirects stay on the balancer's origin.
    const other = await createUser(op, w.token);
    expect((await login(op, w.client, other)).location.searchParams.get('code')).toBeTruthy();
  } finally {
    await op.close();
  }
});

for (const [name, remove] of REMOVALS) {
  test(`${name} through node 1: gone there at once; nodes 2 and 3, which cached the session, serve it shortly after and forget it within nodeCacheMs`, async () => {
    const op = await startOp({ nodes: 3, nodeCacheMs: NODE_CACHE_MS });
    try {
      const [n1, n2, n3] = op.nodeUrls.map((url) => viewAt(op, url)) as [RunningReferenceOp, RunningReferenceOp, RunningReferenceOp];
      const w = await clusterWorld(op, n1);
      // Nodes 2 and 3 read (and so cache) the session right before the removal.
      for (const at of [n2, n3]) expect(await sessionState(at, w.jar)).toBe('authenticated');
      const cachedAt = Date.now();
      await remove(op, n1, w);
      expect(await sessionState(n1, w.jar)).toBe('unknown');
      expect(await promptNone(n1, w.client, copyOf(op, w.jar))).toBe('login_required');
      // The cache is real: the other nodes still serve the removed session.
      for (const at of [n2, n3]) expect(await sessionState(at, w.jar), at.issuer).toBe('authenticated');
      expect(op.stats().nodes.map((n) => n.staleReads > 0)).toEqual([false, true, true]);
      // …but not for longer than their entries live.
      const deadline = cachedAt + NODE_CACHE_MS + MARGIN_MS;
      for (const at of [n2, n3]) {
        await expect.poll(() => sessionState(at, w.jar), { timeout: Math.max(1, deadline - Date.now()), intervals: [50] }).toBe('unknown');
        expect(await promptNone(at, w.client, copyOf(op, w.jar))).toBe('login_required');
      }
      expect(await promptNone(op, w.client, copyOf(op, w.jar))).toBe('login_required');
    } finally {
      await op.close();
    }
  });
}

test('a node that serves a removed session from its cache does not bring it back (its re-save of the session fails)', async () => {
  const op = await startOp({ nodes: 2, nodeCacheMs: NODE_CACHE_MS });
  try {
    const [n1, n2] = op.nodeUrls.map((url) => viewAt(op, url)) as [RunningReferenceOp, RunningReferenceOp];
    const w = await clusterWorld(op, n1);
    expect(await sessionState(n2, w.jar)).toBe('authenticated');
    const sessions = op.stats().sessions;
    await REMOVALS[0]?.[1](op, n1, w);
    expect(op.stats().sessions).toBe(sessions - 1);
    // prompt=none at node 2 still finds the session in its cache, and oidc-provider saves it…
    expect(await promptNone(n2, w.client, w.jar)).toBe('code');
    // …which does not recreate it in the shared store.
    expect(op.stats().sessions).toBe(sessions - 1);
    await expect.poll(() => sessionState(n2, w.jar), { timeout: NODE_CACHE_MS + MARGIN_MS, intervals: [50] }).toBe('unknown');
  } finally {
    await op.close();
  }
});

test('node-never-forgets: the last node serves the revoked session well after nodeCacheMs, while the others forget it', async () => {
  const cacheMs = 500;
  const op = await startOp({ nodes: 3, nodeCacheMs: cacheMs, faults: ['node-never-forgets'] });
  try {
    const [n1, n2, n3] = op.nodeUrls.map((url) => viewAt(op, url)) as [RunningReferenceOp, RunningReferenceOp, RunningReferenceOp];
    const w = await clusterWorld(op, n1);
    for (const at of [n2, n3]) expect(await sessionState(at, w.jar)).toBe('authenticated');
    const cachedAt = Date.now();
    await REMOVALS[0]?.[1](op, n1, w);
    await expect.poll(() => sessionState(n2, w.jar), { timeout: cacheMs + MARGIN_MS, intervals: [50] }).toBe('unknown');
    const states = await readUntil(() => sessionState(n3, w.jar), cachedAt + 3 * cacheMs);
    expect(new Set(states)).toEqual(new Set(['authenticated']));
    expect(await promptNone(n3, w.client, w.jar)).toBe('code');
    expect(await sessionState(n1, w.jar)).toBe('unknown');
  } finally {
    await op.close();
  }
});
