import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { sessionState, world } from './login-support';
import { discovery, expect, patchConfig, patchFlags, revoke, startOp, test, tokenFor } from './support';

/** Discovery, session_status, the auth server's configuration reload and the discovery cache (docs/behaviour/server.md). */

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

// docs/behaviour/server.md#configuration-reload
test.describe('configuration reload', () => {
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

// docs/behaviour/server.md#discovery
test.describe('discovery cache', () => {
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
