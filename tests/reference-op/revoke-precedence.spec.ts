import { sessionState, world } from './login-support';
import { basic, createClient, expect, expectInvalidClient, form, opFetch, patchFlags, revoke, test, tokenFor } from './support';

/** revoke_session: client authentication, the order of its checks, and how it answers what it does not serve (docs/behaviour/revoke-session.md). */

const byUid = (userId: string) => ({ user_criterion_key: 'uid', user_criterion_value: userId });

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
