import { byUid, DEAD, expectAlive, gtr, gtrClient, gtrWorld, liveLogin, liveness, loginClient } from './gtr-support';

import {
  basic,
  createUser,
  expect,
  expectEmpty,
  expectInvalidClient,
  flagsWithout,
  form,
  GTR_SCOPE_DN,
  JANS,
  OFFLINE_SCOPE_DN,
  opFetch,
  patchConfig,
  patchFlags,
  test,
} from './support';

/** Janssen's Global Token Revocation: the order of its checks, from the authentication filter to the scope (docs/behaviour/global-token-revocation.md). */

// docs/behaviour/global-token-revocation.md#order-of-checks
test.describe('GTR precedence', () => {
  test('filter 401 invalid_client for missing, wrong, unknown credentials and bad Bearer tokens — nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const auth of [undefined, basic(w.revoker.inum, 'wrong'), basic('no-such-client', 'x'), 'Bearer not-a-token', 'Basic !!!']) {
      await expectInvalidClient(await gtr(op, { auth, body: byUid(w.user.userId) }));
    }
    await expectInvalidClient(await gtr(op, { method: 'GET' }));
    await expectAlive(op, w);
  });

  test('405 (empty, Allow) for GET/PUT/DELETE/PATCH with credentials, before 415, flag and scope', async ({ op }) => {
    const w = await gtrWorld(op);
    const noScope = await gtrClient(op, w.token, { scopes: ['openid'] });
    await patchFlags(op, w.token, ['status_session']);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      for (const auth of [w.auth, basic(noScope.inum, noScope.clientSecret)]) {
        const res = await gtr(op, { method, auth, body: byUid(w.user.userId), contentType: 'text/plain', query: { format: 'uid', id: w.user.userId } });
        await expectEmpty(res, 405);
        expect(res.headers.get('allow')).toBe('POST, OPTIONS');
      }
    }
    await patchFlags(op, w.token, []);
    await expectAlive(op, w);
  });

  test('415 (empty) for text/plain, a form, no Content-Type and other JSON types, before the flag; nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    await patchFlags(op, w.token, ['status_session']);
    const body = JSON.stringify(byUid(w.user.userId));
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null, 'application/json-patch+json', 'application/jwt']) {
      await expectEmpty(await gtr(op, { auth: w.auth, body, contentType }), 415);
    }
    await patchFlags(op, w.token, []);
    await expectEmpty(await gtr(op, { auth: w.auth, body: form({ format: 'uid', id: w.user.userId }), contentType: 'application/x-www-form-urlencoded' }), 415);
    await expectAlive(op, w);
    // Any charset is still application/json.
    expect((await gtr(op, { auth: w.auth, body: byUid('nobody'), contentType: 'Application/JSON; charset=ISO-8859-1' })).status).toBe(204);
  });

  test('406 for an Accept without JSON; */* and application/* are fine', async ({ op }) => {
    const w = await gtrWorld(op);
    await expectEmpty(await gtr(op, { auth: w.auth, body: byUid(w.user.userId), accept: 'text/html' }), 406);
    await expectEmpty(await gtr(op, { auth: w.auth, body: byUid(w.user.userId), accept: 'application/json;q=0, text/html' }), 406);
    await expectAlive(op, w);
    for (const accept of ['*/*', 'application/*', 'text/html, application/json;q=0.1']) {
      expect((await gtr(op, { auth: w.auth, body: byUid('nobody'), accept })).status).toBe(204);
    }
  });

  test('flag off: 403 access_denied JSON after authentication and media type, before the scope check; nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    await patchFlags(op, w.token, flagsWithout('global_token_revocation'));
    const res = await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ error: 'access_denied', error_description: 'access_denied' });
    await expectInvalidClient(await gtr(op, { auth: basic(w.revoker.inum, 'bad'), body: byUid(w.user.userId) }));
    const noScope = await gtrClient(op, w.token, { scopes: ['openid'] });
    expect((await gtr(op, { auth: basic(noScope.inum, noScope.clientSecret), body: '{' })).status).toBe(403);
    await expectAlive(op, w);
  });

  test('client without the scope: 401 invalid_request, no WWW-Authenticate, before the body is read; nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    const noScope = await gtrClient(op, w.token, { scopes: ['openid', 'inum=7D90,ou=scopes,o=jans'] });
    for (const body of [byUid(w.user.userId), '{not json']) {
      const res = await gtr(op, { auth: basic(noScope.inum, noScope.clientSecret), body });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeNull();
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    }
    await expectAlive(op, w);
  });

  test('Bearer tokens of any client holding the scope: client_credentials and a user token; a scope-less client is refused', async ({ op }) => {
    const w = await gtrWorld(op);
    const cc = async (client: { inum: string; clientSecret: string }) =>
      (
        (await (
          await opFetch(op)(`${op.issuer}${JANS}/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.inum, client.clientSecret) },
            body: form({ grant_type: 'client_credentials' }),
          })
        ).json()) as { access_token: string }
      ).access_token;
    expect((await gtr(op, { auth: `Bearer ${await cc(w.revoker)}`, body: byUid('nobody') })).status).toBe(204);
    // A user's token from a normal login at an RP registered with the scope (docs/behaviour/global-token-revocation.md#client-authentication, inferred).
    const rp = await loginClient(op, w.token, { scopes: ['openid', 'profile', OFFLINE_SCOPE_DN, GTR_SCOPE_DN] });
    const other = await createUser(op, w.token);
    const userToken = (await liveLogin(op, rp, other)).accessToken;
    expect((await gtr(op, { auth: `Bearer ${userToken}`, body: byUid(w.user.userId) })).status).toBe(204);
    expect(await liveness(op, w.clients[0], w.logins[0])).toEqual(DEAD);
    const scopeless = (await liveLogin(op, w.clients[1], other)).accessToken;
    expect((await gtr(op, { auth: `Bearer ${scopeless}`, body: byUid(other.userId) })).status).toBe(401);
  });

  test('client_secret_post only in the query string; credentials inside the JSON body are no credentials', async ({ op }) => {
    const w = await gtrWorld(op);
    const post = await gtrClient(op, w.token, { tokenEndpointAuthMethod: 'client_secret_post' });
    await expectInvalidClient(await gtr(op, { body: { client_id: post.inum, client_secret: post.clientSecret, ...byUid(w.user.userId) } }));
    await expectAlive(op, w);
    expect((await gtr(op, { query: { client_id: post.inum, client_secret: post.clientSecret }, body: byUid(w.user.userId) })).status).toBe(204);
    expect(await liveness(op, w.clients[0], w.logins[0])).toEqual(DEAD);
  });

  test('a form body with form credentials authenticates (servlet parameters) and then gets 415', async ({ op }) => {
    const w = await gtrWorld(op);
    const post = await gtrClient(op, w.token, { tokenEndpointAuthMethod: 'client_secret_post' });
    const res = await gtr(op, { body: form({ client_id: post.inum, client_secret: post.clientSecret }), contentType: 'application/x-www-form-urlencoded' });
    await expectEmpty(res, 415);
  });

  test('OPTIONS: 200 with Allow, no credentials needed', async ({ op }) => {
    const res = await gtr(op, { method: 'OPTIONS' });
    expect(res.status).toBe(200);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });

  test('sessionIdPersistInCache=true → 500 empty for a known user; errorReasonEnabled adds reasons', async ({ op }) => {
    const w = await gtrWorld(op);
    await patchConfig(op, w.token, [
      { op: 'replace', path: '/sessionIdPersistInCache', value: true },
      { op: 'replace', path: '/errorReasonEnabled', value: true },
    ]);
    await expectEmpty(await gtr(op, { auth: w.auth, body: byUid(w.user.userId) }), 500);
    await expectAlive(op, w);
    const bad = await gtr(op, { auth: w.auth, body: '[]' });
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', reason: 'Failed to parse GlobalTokenRevocationRequest.' });
  });
});
