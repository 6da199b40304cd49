import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { login, sessionState, world } from './login-support';
import {
  basic,
  CONFIG_SCOPES,
  createClient,
  createUser,
  discovery,
  expect,
  introspect,
  patchConfig,
  patchFlags,
  redeem,
  revoke,
  startOp,
  test,
  tokenFor,
} from './support';

const CLAIM = 'session_revocation_endpoint';

test.describe('discovery', () => {
  test('both discovery paths, GET and POST, carry the claim and required metadata', async ({ op }) => {
    for (const path of ['/.well-known/openid-configuration', '/jans-auth/.well-known/openid-configuration']) {
      const doc = await discovery(op, path);
      expect(doc.issuer).toBe(op.issuer);
      expect(doc[CLAIM]).toBe(`${op.issuer}/jans-auth/restv1/revoke_session`);
      for (const key of [
        'authorization_endpoint',
        'token_endpoint',
        'jwks_uri',
        'response_types_supported',
        'subject_types_supported',
        'id_token_signing_alg_values_supported',
      ]) {
        expect(doc[key], key).toBeDefined();
      }
      expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'revoke_session']));
      expect(doc.end_session_endpoint).toBe(`${op.issuer}/jans-auth/restv1/end_session`);
      const post = await fetch(`${op.issuer}${path}`, { method: 'POST' });
      expect(post.status).toBe(200);
      expect(((await post.json()) as Record<string, unknown>)[CLAIM]).toBe(doc[CLAIM]);
    }
  });

  const cases: Array<[string, string[], boolean]> = [
    ['empty list = all enabled', [], true],
    ['list with revoke_session', ['status_session', 'revoke_session'], true],
    ['upper-case REVOKE_SESSION', ['REVOKE_SESSION'], true],
    ['list without revoke_session', ['status_session'], false],
    ['only unknown names = all enabled', ['no_such_flag', 'other'], true],
    ['unknown names plus a known one', ['no_such_flag', 'end_session'], false],
  ];
  for (const [name, featureFlags, present] of cases) {
    test(`feature flags: ${name}`, async () => {
      const op = await startOp({ featureFlags });
      try {
        expect(CLAIM in (await discovery(op))).toBe(present);
      } finally {
        await op.close();
      }
    });
  }
});

test.describe('session_status', () => {
  test('unknown without a cookie, authenticated with one, unknown after revocation; no-store headers', async ({ op }) => {
    const w = await world(op);
    const anonymous = await fetch(`${op.issuer}/jans-auth/restv1/session_status`);
    expect(await anonymous.json()).toEqual({ state: 'unknown', custom_state: '', auth_time: null });
    expect(anonymous.headers.get('cache-control')).toBe('no-store, private');
    expect(anonymous.headers.get('pragma')).toBe('no-cache');
    const res = await w.jar.fetch(`${op.issuer}/jans-auth/restv1/session_status`);
    const body = (await res.json()) as { state: string; custom_state: string; auth_time: number };
    expect(body.state).toBe('authenticated');
    expect(body.custom_state).toBe('');
    expect(Math.abs(body.auth_time - Date.now())).toBeLessThan(60_000);
    await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: w.user.userId } });
    expect(await sessionState(op, w.jar)).toBe('unknown');
  });

  test('gated by STATUS_SESSION', async () => {
    const op = await startOp({ featureFlags: ['revoke_session'] });
    try {
      const res = await fetch(`${op.issuer}/jans-auth/restv1/session_status`);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toBe('access_denied');
    } finally {
      await op.close();
    }
  });

  test('login sets session_id (HttpOnly), session_state and opbs', async ({ op }) => {
    const w = await world(op);
    expect([...w.jar.cookies.keys()]).toEqual(expect.arrayContaining(['session_id', 'session_state', 'opbs']));
  });
});

test.describe('Config API', () => {
  test('admin token: client_secret_basic and client_secret_post; bad secret refused', async ({ op }) => {
    await tokenFor(op);
    const post = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'conformance-admin',
        client_secret: 'conformance-admin-secret',
        scope: CONFIG_SCOPES[0] ?? '',
      }).toString(),
    });
    expect(post.status).toBe(200);
    const bad = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('conformance-admin', 'nope') },
      body: 'grant_type=client_credentials',
    });
    expect(bad.status).toBe(401);
  });

  test('custom admin credentials', async () => {
    const op = await startOp({ adminClientId: 'my-admin', adminClientSecret: 's3cret' });
    try {
      await tokenFor(op, CONFIG_SCOPES, 'my-admin', 's3cret');
    } finally {
      await op.close();
    }
  });

  test('401 + WWW-Authenticate: Bearer without a token, with a bad token, with a token lacking the scope', async ({ op }) => {
    const url = `${op.issuer}/jans-config-api/api/v1/jans-auth-server/config`;
    const readOnlyUsers = await tokenFor(op, ['https://jans.io/oauth/config/user.readonly']);
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${readOnlyUsers}` },
      { authorization: basic('conformance-admin', 'conformance-admin-secret') },
    ];
    for (const headers of cases) {
      const res = await fetch(url, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  test('super and group scopes pass', async ({ op }) => {
    const readAll = await tokenFor(op, ['https://jans.io/oauth/config/read-all']);
    expect((await fetch(`${op.issuer}/jans-config-api/api/v1/scopes`, { headers: { authorization: `Bearer ${readAll}` } })).status).toBe(200);
    const group = await tokenFor(op, ['https://jans.io/oauth/config/openid/openid-write']);
    const res = await fetch(`${op.issuer}/jans-config-api/api/v1/openid/clients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${group}`, 'content-type': 'application/json' },
      body: JSON.stringify({ redirectUris: [], grantTypes: ['client_credentials'] }),
    });
    expect(res.status).toBe(201);
  });

  test('config GET and PATCH featureFlags (replace, add -, remove N); 415 for plain JSON', async ({ op }) => {
    const token = await tokenFor(op);
    const url = `${op.issuer}/jans-config-api/api/v1/jans-auth-server/config`;
    const get = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    expect(get).toMatchObject({ issuer: op.issuer, featureFlags: [], endSessionEndpoint: `${op.issuer}/jans-auth/restv1/end_session` });
    const patch = (ops: unknown, type = 'application/json-patch+json') =>
      fetch(url, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: JSON.stringify(ops) });
    let res = await patch([{ op: 'replace', path: '/featureFlags', value: ['status_session'] }]);
    expect(((await res.json()) as { featureFlags: string[] }).featureFlags).toEqual(['status_session']);
    res = await patch([{ op: 'add', path: '/featureFlags/-', value: 'revoke_session' }]);
    expect(((await res.json()) as { featureFlags: string[] }).featureFlags).toEqual(['status_session', 'revoke_session']);
    res = await patch([{ op: 'remove', path: '/featureFlags/0' }]);
    expect(((await res.json()) as { featureFlags: string[] }).featureFlags).toEqual(['revoke_session']);
    expect((await patch([{ op: 'replace', path: '/featureFlags', value: [] }], 'application/json')).status).toBe(415);
    expect((await patch([{ op: 'remove', path: '/featureFlags/9' }])).status).toBe(400);
  });

  test('scopes: paged list with pattern, revoke_session DN, single scope, 404', async ({ op }) => {
    const token = await tokenFor(op);
    const headers = { authorization: `Bearer ${token}` };
    const list = (await (await fetch(`${op.issuer}/jans-config-api/api/v1/scopes?pattern=revoke&limit=10&startIndex=0`, { headers })).json()) as {
      start: number;
      totalEntriesCount: number;
      entriesCount: number;
      entries: Array<{ dn: string; id: string; inum: string; defaultScope: boolean }>;
    };
    expect(list.start).toBe(0);
    expect(list.entries.find((s) => s.id === 'revoke_session')).toMatchObject({ dn: 'inum=7D90,ou=scopes,o=jans', inum: '7D90', defaultScope: false });
    const all = (await (await fetch(`${op.issuer}/jans-config-api/api/v1/scopes`, { headers })).json()) as { entries: Array<{ id: string }> };
    expect(all.entries.map((s) => s.id)).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']));
    expect((await fetch(`${op.issuer}/jans-config-api/api/v1/scopes/7D90`, { headers })).status).toBe(200);
    const missing = await fetch(`${op.issuer}/jans-config-api/api/v1/scopes/nope`, { headers });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('404');
    expect((await fetch(`${op.issuer}/jans-config-api/api/v1/scopes?limit=201`, { headers })).status).toBe(400);
  });

  test('scope table as scopes.ldif: offline_access C4F6 not default, revoke_session 7D90 not default, global_token_revocation 7D92 default and in discovery', async ({
    op,
  }) => {
    const token = await tokenFor(op);
    const headers = { authorization: `Bearer ${token}` };
    const all = (await (await fetch(`${op.issuer}/jans-config-api/api/v1/scopes?limit=200`, { headers })).json()) as {
      entries: Array<{ id: string; inum: string; dn: string; defaultScope: boolean; attributes: { showInConfigurationEndpoint: boolean } }>;
    };
    const byId = new Map(all.entries.map((e) => [e.id, e]));
    expect(byId.get('offline_access')).toMatchObject({ inum: 'C4F6', dn: 'inum=C4F6,ou=scopes,o=jans', defaultScope: false });
    expect(byId.get('revoke_session')).toMatchObject({ inum: '7D90', defaultScope: false });
    expect(byId.get('global_token_revocation')).toMatchObject({
      inum: '7D92',
      dn: 'inum=7D92,ou=scopes,o=jans',
      defaultScope: true,
      attributes: { showInConfigurationEndpoint: true },
    });
    expect((await discovery(op)).scopes_supported).toEqual(expect.arrayContaining(['global_token_revocation', 'revoke_session', 'offline_access']));
  });

  test('config PATCH: RFC 6902 move/copy/test; a failed test, a bad op or a bad lifetime is a 400 and changes nothing', async ({ op }) => {
    const token = await tokenFor(op);
    const url = `${op.issuer}/jans-config-api/api/v1/jans-auth-server/config`;
    const current = async () => (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    let res = await patchConfig(op, token, [
      { op: 'test', path: '/featureFlags', value: [] },
      { op: 'add', path: '/featureFlags/-', value: 'status_session' },
      { op: 'copy', from: '/featureFlags/0', path: '/featureFlags/-' },
    ]);
    expect(res.status).toBe(200);
    expect((await current()).featureFlags).toEqual(['status_session', 'status_session']);
    for (const ops of [
      [{ op: 'test', path: '/featureFlags', value: [] }],
      [{ op: 'frobnicate', path: '/featureFlags' }],
      [{ op: 'replace', path: '/noSuchKey', value: 1 }],
      [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 'soon' }],
      [{ op: 'replace', path: '/featureFlags', value: 'revoke_session' }],
      { op: 'replace', path: '/featureFlags', value: [] },
    ]) {
      res = await patchConfig(op, token, ops as unknown[]);
      expect(res.status, JSON.stringify(ops)).toBe(400);
    }
    expect((await current()).featureFlags).toEqual(['status_session', 'status_session']);
  });

  test('config PATCH refuses __proto__, constructor and prototype paths; nothing is polluted', async ({ op }) => {
    const token = await tokenFor(op);
    for (const ops of [
      [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }],
      [{ op: 'add', path: '/constructor/prototype/polluted', value: 'yes' }],
      [{ op: 'replace', path: '/featureFlags/constructor', value: 'yes' }],
      [{ op: 'copy', from: '/__proto__', path: '/x' }],
      [
        { op: 'add', path: '/nested', value: {} },
        { op: 'add', path: '/nested/__proto__', value: { polluted: 'yes' } },
      ],
    ]) {
      const res = await patchConfig(op, token, ops);
      expect(res.status, JSON.stringify(ops)).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('400');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    const config = (await (
      await fetch(`${op.issuer}/jans-config-api/api/v1/jans-auth-server/config`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Record<string, unknown>;
    expect(config.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
  });

  test('clients: 400 without redirectUris or with an unknown scope; GET, DELETE then 404', async ({ op }) => {
    const token = await tokenFor(op);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const url = `${op.issuer}/jans-config-api/api/v1/openid/clients`;
    expect((await fetch(url, { method: 'POST', headers, body: JSON.stringify({ scopes: [] }) })).status).toBe(400);
    expect((await fetch(url, { method: 'POST', headers, body: JSON.stringify({ redirectUris: [], scopes: ['nope'] }) })).status).toBe(400);
    const client = await createClient(op, token);
    expect(client.clientSecret).toBeTruthy();
    const got = (await (await fetch(`${url}/${client.inum}`, { headers })).json()) as { scopes: string[] };
    expect(got.scopes).toContain('inum=7D90,ou=scopes,o=jans');
    expect((await fetch(`${url}/${client.inum}`, { method: 'DELETE', headers })).status).toBe(204);
    expect((await fetch(`${url}/${client.inum}`, { headers })).status).toBe(404);
    expect((await fetch(`${url}/${client.inum}`, { method: 'DELETE', headers })).status).toBe(404);
  });

  test('users: OCA001 when mandatory attributes miss; password never returned; delete leaves sessions and tokens; 404 after', async ({ op }) => {
    const w = await world(op);
    const headers = { authorization: `Bearer ${w.token}`, 'content-type': 'application/json' };
    const url = `${op.issuer}/jans-config-api/mgt/configuser`;
    const bad = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ userId: 'x', mail: 'x@y' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('OCA001');
    const got = (await (await fetch(`${url}/${w.user.inum}`, { headers })).json()) as Record<string, unknown>;
    expect(got.userId).toBe(w.user.userId);
    expect('userPassword' in got).toBe(false);
    const { location } = await login(op, w.client, w.user);
    const tokens = (await (await redeem(op, w.client, location.searchParams.get('code') ?? '')).json()) as { access_token: string };
    expect(await sessionState(op, w.jar)).toBe('authenticated');
    const before = op.stats();
    expect((await fetch(`${url}/${w.user.inum}`, { method: 'DELETE', headers })).status).toBe(204);
    // Janssen removes the person entry only.
    expect(await sessionState(op, w.jar)).toBe('authenticated');
    expect(op.stats()).toMatchObject({ sessions: before.sessions, accessTokens: before.accessTokens });
    const introspection = await introspect(op, w.client, tokens.access_token);
    expect(introspection.active).toBe(true);
    const gone = await fetch(`${url}/${w.user.inum}`, { headers });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: '404', message: expect.stringContaining("doesn't exist") });
  });

  test('provisioned user logs in, provisioned client revokes, with client_credentials too', async ({ op }) => {
    const token = await tokenFor(op);
    const user = await createUser(op, token);
    const client = await createClient(op, token, { trustedClient: false });
    const { jar, location } = await login(op, client, user);
    expect(location.searchParams.get('code')).toBeTruthy();
    const cc = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.inum, client.clientSecret) },
      body: 'grant_type=client_credentials',
    });
    expect(cc.status).toBe(200);
    expect(
      (await revoke(op, { auth: basic(client.inum, client.clientSecret), params: { user_criterion_key: 'uid', user_criterion_value: user.userId } })).status,
    ).toBe(200);
    expect(await sessionState(op, jar)).toBe('unknown');
  });
});

test.describe('configuration reload (janssen-facts f3)', () => {
  test.use({ opOptions: { flagDelayMs: 1500 } });

  /** Waits for the next reload tick; afterwards a whole interval lies ahead. */
  async function afterATick(op: RunningReferenceOp, token: string): Promise<void> {
    const { reloads } = op.stats();
    await patchConfig(op, token, [{ op: 'replace', path: '/sessionIdLifetime', value: 86400 + reloads + 1 }]);
    await expect.poll(() => op.stats().reloads, { timeout: 5_000, intervals: [10] }).toBe(reloads + 1);
  }

  test('GET config changes at once; the auth server acts on its copy until the next tick', async ({ op }) => {
    const w = await world(op);
    await afterATick(op, w.token);
    const started = Date.now();
    expect((await patchFlags(op, w.token, ['status_session'])).status).toBe(200);
    const config = (await (
      await fetch(`${op.issuer}/jans-config-api/api/v1/jans-auth-server/config`, { headers: { authorization: `Bearer ${w.token}` } })
    ).json()) as { featureFlags: string[] };
    expect(config.featureFlags).toEqual(['status_session']);
    expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: 'nobody' } })).status).toBe(200);
    expect(op.stats().loadedRevision).toBeLessThan(op.stats().configRevision);
    await expect
      .poll(async () => (await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: 'nobody' } })).status, {
        timeout: 5_000,
        intervals: [50],
      })
      .toBe(403);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(op.stats().loadedRevision).toBe(op.stats().configRevision);
  });

  test('two PATCHes within one interval arrive as one reload of the latest configuration', async ({ op }) => {
    const w = await world(op);
    await afterATick(op, w.token);
    const { reloads } = op.stats();
    await patchFlags(op, w.token, ['end_session']);
    await patchFlags(op, w.token, ['status_session']);
    expect(op.stats().reloads).toBe(reloads);
    await expect.poll(() => op.stats().reloads, { timeout: 5_000, intervals: [20] }).toBe(reloads + 1);
    // The next tick finds nothing new: no second reload.
    const { reloadTicks } = op.stats();
    await expect.poll(() => op.stats().reloadTicks, { timeout: 5_000, intervals: [20] }).toBeGreaterThan(reloadTicks);
    expect(op.stats().reloads).toBe(reloads + 1);
    // The latest configuration: status_session on, revoke_session off.
    expect(await sessionState(op, w.jar)).toBe('authenticated');
    expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: 'nobody' } })).status).toBe(403);
  });

  test('session_status follows STATUS_SESSION of the reloaded configuration', async ({ op }) => {
    const w = await world(op);
    await afterATick(op, w.token);
    await patchFlags(op, w.token, ['revoke_session']);
    expect((await w.jar.fetch(`${op.issuer}/jans-auth/restv1/session_status`)).status).toBe(200);
    await expect.poll(async () => (await w.jar.fetch(`${op.issuer}/jans-auth/restv1/session_status`)).status, { timeout: 5_000, intervals: [50] }).toBe(403);
    await patchFlags(op, w.token, []);
    await expect.poll(async () => (await w.jar.fetch(`${op.issuer}/jans-auth/restv1/session_status`)).status, { timeout: 5_000, intervals: [50] }).toBe(200);
  });
});

test.describe('discovery cache (janssen-facts c1)', () => {
  test('a flag change leaves discovery stale; changing discoveryCacheLifetimeInMinutes rebuilds it; changing it back keeps it current', async ({ op }) => {
    const w = await world(op);
    expect(CLAIM in (await discovery(op))).toBe(true);
    await patchFlags(op, w.token, ['status_session']);
    // The auth server follows at once (interval 0): the endpoint is off, the cached document is not.
    expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: 'nobody' } })).status).toBe(403);
    expect(CLAIM in (await discovery(op))).toBe(true);
    expect(op.stats().discoveryBuilds).toBe(1);
    await patchConfig(op, w.token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 61 }]);
    expect(CLAIM in (await discovery(op))).toBe(false);
    await patchConfig(op, w.token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 60 }]);
    expect(CLAIM in (await discovery(op))).toBe(false);
    // Re-enabling: stale again until the next forced rebuild.
    await patchFlags(op, w.token, []);
    expect(CLAIM in (await discovery(op))).toBe(false);
    await patchConfig(op, w.token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 59 }]);
    expect(CLAIM in (await discovery(op))).toBe(true);
  });

  test('a reload that does not change the lifetime keeps the cached document', async ({ op }) => {
    const token = await tokenFor(op);
    await discovery(op);
    await patchConfig(op, token, [{ op: 'replace', path: '/sessionIdLifetime', value: 1234 }]);
    await patchConfig(op, token, [{ op: 'replace', path: '/endSessionEndpoint', value: `${op.issuer}/other/end_session` }]);
    expect((await discovery(op))[CLAIM]).toBe(`${op.issuer}/jans-auth/restv1/revoke_session`);
    expect(op.stats().discoveryBuilds).toBe(1);
    await patchConfig(op, token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 5 }]);
    // Built from the auth server's configuration: Janssen derives the claim from endSessionEndpoint.
    expect((await discovery(op))[CLAIM]).toBe(`${op.issuer}/other/revoke_session`);
  });

  test('the cached document expires after its lifetime', async () => {
    let now = Date.now();
    const op = await startOp({ discoveryCacheLifetimeMinutes: 2, now: () => now });
    try {
      const token = await tokenFor(op);
      await discovery(op);
      await patchFlags(op, token, ['status_session']);
      now += 119_000;
      expect(CLAIM in (await discovery(op))).toBe(true);
      now += 2_000;
      expect(CLAIM in (await discovery(op))).toBe(false);
    } finally {
      await op.close();
    }
  });

  test('lifetime 0: not cached, discovery follows a flag change at once', async () => {
    const op = await startOp({ discoveryCacheLifetimeMinutes: 0 });
    try {
      const token = await tokenFor(op);
      expect(CLAIM in (await discovery(op))).toBe(true);
      await patchFlags(op, token, ['status_session']);
      expect(CLAIM in (await discovery(op))).toBe(false);
      await patchFlags(op, token, []);
      expect(CLAIM in (await discovery(op))).toBe(true);
    } finally {
      await op.close();
    }
  });

  test('with a reload interval, the rebuild waits for the reload of the lifetime change', async () => {
    const op = await startOp({ flagDelayMs: 800 });
    try {
      const token = await tokenFor(op);
      await discovery(op);
      await patchFlags(op, token, ['status_session']);
      await patchConfig(op, token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 61 }]);
      await expect.poll(async () => CLAIM in (await discovery(op)), { timeout: 5_000, intervals: [50] }).toBe(false);
    } finally {
      await op.close();
    }
  });
});
