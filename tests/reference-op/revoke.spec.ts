import { login, promptNone, sessionState, world } from './login-support';
import { basic, createClient, createUser, expect, form, opFetch, patchConfig, patchFlags, REDIRECT_URI, revoke, test, tokenFor } from './support';

const byUid = (userId: string) => ({ user_criterion_key: 'uid', user_criterion_value: userId });

async function expectInvalidClient(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Basic realm="jans-auth"');
  expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
}

test.describe('revoke_session client authentication (401 invalid_client)', () => {
  test('no credentials', async ({ op }) => {
    const w = await world(op);
    await expectInvalidClient(await revoke(op, { params: byUid(w.user.userId) }));
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('wrong secret (Basic)', async ({ op }) => {
    const w = await world(op);
    await expectInvalidClient(await revoke(op, { auth: basic(w.client.inum, 'wrong'), params: byUid(w.user.userId) }));
  });

  test('unknown client', async ({ op }) => {
    const w = await world(op);
    await expectInvalidClient(await revoke(op, { auth: basic('no-such-client', 'x'), params: byUid(w.user.userId) }));
  });

  test('client_secret_post credentials for a client_secret_basic client', async ({ op }) => {
    const w = await world(op);
    await expectInvalidClient(await revoke(op, { params: { client_id: w.client.inum, client_secret: w.client.clientSecret, ...byUid(w.user.userId) } }));
  });

  test('Basic credentials for a client_secret_post client', async ({ op }) => {
    const token = await tokenFor(op);
    const client = await createClient(op, token, { tokenEndpointAuthMethod: 'client_secret_post' });
    await expectInvalidClient(await revoke(op, { auth: basic(client.inum, client.clientSecret), params: byUid('nobody') }));
  });

  test('invalid bearer token', async ({ op }) => {
    await expectInvalidClient(await revoke(op, { auth: 'Bearer not-a-token', params: byUid('nobody') }));
  });

  test('client_secret_post with form credentials is accepted', async ({ op }) => {
    const token = await tokenFor(op);
    const client = await createClient(op, token, { tokenEndpointAuthMethod: 'client_secret_post' });
    const res = await revoke(op, { params: { client_id: client.inum, client_secret: client.clientSecret, ...byUid('nobody') } });
    expect(res.status).toBe(200);
  });

  test('URL-encoded Basic credentials are decoded', async ({ op }) => {
    const token = await tokenFor(op);
    const client = await createClient(op, token, { inum: `id:with space ${Date.now()}`, clientSecret: 'sec:ret%' });
    expect((await revoke(op, { auth: basic(client.inum, client.clientSecret), params: byUid('nobody') })).status).toBe(200);
  });
});

test.describe('revoke_session precedence', () => {
  test('flag off with valid credentials → 403 access_denied', async ({ op }) => {
    const w = await world(op);
    expect((await patchFlags(op, w.token, ['status_session'])).status).toBe(200);
    const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: 'access_denied', error_description: 'access_denied' });
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('flag off with bad credentials → still 401 invalid_client', async ({ op }) => {
    const w = await world(op);
    await patchFlags(op, w.token, ['status_session']);
    await expectInvalidClient(await revoke(op, { auth: basic(w.client.inum, 'bad'), params: byUid(w.user.userId) }));
  });

  test('client without the revoke_session scope → 401 invalid_request, no WWW-Authenticate', async ({ op }) => {
    const w = await world(op);
    const other = await createClient(op, w.token, { scopes: ['openid'] });
    const res = await revoke(op, { auth: basic(other.inum, other.clientSecret), params: byUid(w.user.userId) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('the scope check uses registered scopes, not the token scopes', async ({ op }) => {
    const w = await world(op);
    const tokenRes = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: w.auth },
      body: form({ grant_type: 'client_credentials', scope: 'openid' }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const res = await revoke(op, { auth: `Bearer ${access_token}`, params: byUid(w.user.userId) });
    expect(res.status).toBe(200);
    expect(await sessionState(op, w.jar)).toBe('unknown');
  });
});

test.describe('revoke_session outcomes', () => {
  test('known user: 200, empty body, sessions gone, prompt=none → login_required', async ({ op }) => {
    const w = await world(op);
    expect(await promptNone(op, w.client, w.jar)).toBe('code');
    const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(await sessionState(op, w.jar)).toBe('unknown');
    expect(await promptNone(op, w.client, w.jar)).toBe('login_required');
    expect(op.stats().sessions).toBe(0);
  });

  test('unknown user and known user answer alike', async ({ op }) => {
    const w = await world(op);
    const unknown = await revoke(op, { auth: w.auth, params: byUid('no-such-user') });
    const known = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    for (const res of [unknown, known]) expect(res.status).toBe(200);
    expect(unknown.headers.get('content-type')).toBe(known.headers.get('content-type'));
    expect(await unknown.text()).toBe(await known.text());
  });

  for (const [name, params] of [
    ['no parameters', {}],
    ['blank key', { user_criterion_key: '', user_criterion_value: 'x' }],
    ['missing value', { user_criterion_key: 'uid' }],
  ] as const) {
    test(`${name} → 200 empty`, async ({ op }) => {
      const w = await world(op);
      const res = await revoke(op, { auth: w.auth, params });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      expect(await sessionState(op, w.jar)).toBe('authenticated');
    });
  }

  test('criterion on mail, inum and a custom attribute', async ({ op }) => {
    const w = await world(op);
    const custom = await createUser(op, w.token, { customAttributes: [{ name: 'employeeNumber', values: ['E-42'] }] });
    const session = await login(op, w.client, custom);
    expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'employeeNumber', user_criterion_value: 'E-42' } })).status).toBe(200);
    expect(await sessionState(op, session.jar)).toBe('unknown');
    expect(await sessionState(op, w.jar)).toBe('authenticated');
    await revoke(op, { auth: w.auth, params: { user_criterion_key: 'mail', user_criterion_value: w.user.mail } });
    expect(await sessionState(op, w.jar)).toBe('unknown');
    const again = await login(op, w.client, w.user);
    await revoke(op, { auth: w.auth, params: { user_criterion_key: 'inum', user_criterion_value: w.user.inum } });
    expect(await sessionState(op, again.jar)).toBe('unknown');
  });

  test('Janssen attribute names only: displayName, givenName, sn, jansStatus and case-insensitive names match; email and userId do not', async ({ op }) => {
    const w = await world(op);
    const custom = await createUser(op, w.token, { givenName: `G-${w.user.userId}`, customAttributes: [{ name: 'sn', values: [`S-${w.user.userId}`] }] });
    for (const [key, value] of <Array<[string, string]>>[
      ['email', custom.mail],
      ['userId', custom.userId],
      ['dn', `inum=${custom.inum},ou=people,o=jans`],
    ]) {
      const session = await login(op, w.client, custom);
      expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: key, user_criterion_value: value } })).status).toBe(200);
      expect(await sessionState(op, session.jar), key).toBe('authenticated');
    }
    for (const [key, value] of <Array<[string, string]>>[
      ['displayName', custom.userId],
      ['GIVENNAME', `G-${w.user.userId}`],
      ['sn', `S-${w.user.userId}`],
      ['MAIL', custom.mail],
      ['UID', custom.userId],
    ]) {
      const session = await login(op, w.client, custom);
      expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: key, user_criterion_value: value } })).status).toBe(200);
      expect(await sessionState(op, session.jar), key).toBe('unknown');
    }
    const status = await login(op, w.client, custom);
    await revoke(op, { auth: w.auth, params: { user_criterion_key: 'jansStatus', user_criterion_value: 'active' } });
    // jansStatus=active matches every user: the first one created (w.user) goes, custom keeps its session.
    expect(await sessionState(op, w.jar)).toBe('unknown');
    expect(await sessionState(op, status.jar)).toBe('authenticated');
  });

  test('client_secret_post credentials in the query string authenticate (servlet parameters)', async ({ op }) => {
    const token = await tokenFor(op);
    const client = await createClient(op, token, { tokenEndpointAuthMethod: 'client_secret_post' });
    const res = await opFetch(op)(`${op.issuer}/jans-auth/restv1/revoke_session?${form({ client_id: client.inum, client_secret: client.clientSecret })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form(byUid('nobody')),
    });
    expect(res.status).toBe(200);
  });

  test('sessionIdPersistInCache=true → 500 empty for a known user, 200 for an unknown one (findByUser unsupported)', async ({ op }) => {
    const w = await world(op);
    expect((await patchConfig(op, w.token, [{ op: 'replace', path: '/sessionIdPersistInCache', value: true }])).status).toBe(200);
    expect((await revoke(op, { auth: w.auth, params: byUid('nobody') })).status).toBe(200);
    const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('errorReasonEnabled=true adds the reason to the 403', async ({ op }) => {
    const w = await world(op);
    await patchConfig(op, w.token, [
      { op: 'replace', path: '/errorReasonEnabled', value: true },
      { op: 'replace', path: '/featureFlags', value: ['status_session'] },
    ]);
    const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'access_denied', error_description: 'access_denied', reason: 'Feature flag is disabled on server.' });
  });

  test('only the first matching user is revoked', async ({ op }) => {
    const w = await world(op);
    const shared = { customAttributes: [{ name: 'department', values: ['sales'] }] };
    const first = await createUser(op, w.token, shared);
    const second = await createUser(op, w.token, shared);
    const s1 = await login(op, w.client, first);
    const s2 = await login(op, w.client, second);
    expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'department', user_criterion_value: 'sales' } })).status).toBe(200);
    expect(await sessionState(op, s1.jar)).toBe('unknown');
    expect(await sessionState(op, s2.jar)).toBe('authenticated');
  });

  test("all of the user's sessions go, other users keep theirs", async ({ op }) => {
    const w = await world(op);
    const second = await login(op, w.client, w.user);
    const other = await createUser(op, w.token);
    const otherSession = await login(op, w.client, other);
    await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(await sessionState(op, w.jar)).toBe('unknown');
    expect(await sessionState(op, second.jar)).toBe('unknown');
    expect(await sessionState(op, otherSession.jar)).toBe('authenticated');
  });

  test("values are literal: * )( % ' match nothing", async ({ op }) => {
    const w = await world(op);
    for (const value of ['*', `${w.user.userId.slice(0, 4)}*`, ')(uid=*', '%', "'"]) {
      expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: value } })).status).toBe(200);
    }
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('a bearer token of the client authenticates it; the access token survives revocation', async ({ op }) => {
    const w = await world(op);
    const tokenRes = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: w.auth },
      body: form({ grant_type: 'client_credentials' }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    expect((await revoke(op, { auth: `Bearer ${access_token}`, params: byUid(w.user.userId) })).status).toBe(200);
    expect(await sessionState(op, w.jar)).toBe('unknown');
  });

  test('a user access token also authenticates, and still works at userinfo after revocation', async ({ op }) => {
    const w = await world(op);
    const { location } = await login(op, w.client, w.user);
    const tokenRes = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: w.auth },
      body: form({ grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    expect((await revoke(op, { auth: `Bearer ${access_token}`, params: byUid(w.user.userId) })).status).toBe(200);
    const userinfo = await fetch(`${op.issuer}/jans-auth/restv1/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(userinfo.status).toBe(200);
  });
});

test.describe('revoke_session protocol robustness', () => {
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    test(`${method}: 401 without credentials, 405 with empty body with them, nothing revoked`, async ({ op }) => {
      const w = await world(op);
      await expectInvalidClient(await revoke(op, { method, params: byUid(w.user.userId) }));
      const res = await revoke(op, { method, auth: w.auth, params: byUid(w.user.userId) });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
      expect(res.headers.get('content-type')).toBeNull();
      expect(await res.text()).toBe('');
      expect(await sessionState(op, w.jar)).toBe('authenticated');
    });
  }

  test('405 comes before the flag and the scope checks', async ({ op }) => {
    const w = await world(op);
    const noScope = await createClient(op, w.token, { scopes: ['openid'] });
    expect((await revoke(op, { method: 'DELETE', auth: basic(noScope.inum, noScope.clientSecret), params: byUid(w.user.userId) })).status).toBe(405);
    await patchFlags(op, w.token, ['status_session']);
    expect((await revoke(op, { method: 'PUT', auth: w.auth, params: byUid(w.user.userId) })).status).toBe(405);
  });

  test('OPTIONS skips the filter and lists the methods', async ({ op }) => {
    const res = await revoke(op, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  test('Accept without JSON → 406 after authentication, nothing revoked', async ({ op }) => {
    const w = await world(op);
    const res = await opFetch(op)(`${op.issuer}/jans-auth/restv1/revoke_session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: w.auth, accept: 'text/html' },
      body: form(byUid(w.user.userId)),
    });
    expect(res.status).toBe(406);
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('body over 256 KiB → 413 JSON', async ({ op }) => {
    const w = await world(op);
    const res = await revoke(op, { auth: w.auth, body: form({ user_criterion_key: 'uid', user_criterion_value: 'x'.repeat(300 * 1024) }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  test('64 KiB criterion value → 200', async ({ op }) => {
    const w = await world(op);
    const res = await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: 'v'.repeat(64 * 1024) } });
    expect(res.status).toBe(200);
  });

  test('JSON body is not a 5xx and revokes nothing', async ({ op }) => {
    const w = await world(op);
    const res = await revoke(op, { auth: w.auth, contentType: 'application/json', body: JSON.stringify(byUid(w.user.userId)) });
    expect(res.status).toBeLessThan(500);
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('malformed Basic header and broken percent-encoding → 401, not 500', async ({ op }) => {
    for (const auth of ['Basic !!!', 'Basic ' + Buffer.from('%zz:%zz').toString('base64'), 'Basic', 'Bearer']) {
      expect((await revoke(op, { auth, params: byUid('x') })).status).toBe(401);
    }
  });
});
