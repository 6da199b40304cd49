import { login, sessionState, world } from './login-support';
import { basic, CONFIG_SCOPES, createClient, createUser, discovery, expect, introspect, patchConfig, redeem, revoke, startOp, test, tokenFor } from './support';

/** The reference OP's Config API: its authorization, the configuration PATCH, scopes, clients and users (docs/behaviour/config-api.md). */

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
