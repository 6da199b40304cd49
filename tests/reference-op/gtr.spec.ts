import {
  ALIVE,
  atLoginPage,
  basic,
  createClient,
  createUser,
  DEAD,
  discovery,
  expect,
  flagsWithout,
  form,
  GTR_SCOPE_DN,
  gtr,
  gtrClient,
  gtrWorld,
  introspect,
  JANS,
  liveLogin,
  liveness,
  login,
  loginClient,
  multiStepFirstStep,
  OFFLINE_SCOPE_DN,
  opFetch,
  patchConfig,
  patchFlags,
  promptNone,
  redeem,
  refresh,
  revoke,
  sessionState,
  startOp,
  subject,
  test,
  tokenFor,
  userinfo,
  type GtrWorld,
} from './support';

const CLAIM = 'global_token_revocation_endpoint';
const byUid = (userId: string) => subject('uid', userId);

async function expectAlive(op: Parameters<typeof liveness>[0], w: GtrWorld, which: 0 | 1 = 0): Promise<void> {
  expect(await liveness(op, w.clients[which], w.logins[which])).toEqual(ALIVE);
}

async function expectInvalidClient(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Basic realm="jans-auth"');
  expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
}

async function expectEmpty(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.text()).toBe('');
}

test.describe('GTR happy path', () => {
  test('204 empty; every session and token of the user at two clients is dead; introspection inactive', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const i of [0, 1] as const) {
      expect(await promptNone(op, w.clients[i], w.logins[i].jar)).toBe('code');
      expect((await introspect(op, w.clients[i], w.logins[i].accessToken)).active).toBe(true);
      await expectAlive(op, w, i);
    }
    const res = await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
    expect(res.status).toBe(204);
    expect(res.headers.get('content-type')).toBeNull();
    expect(await res.text()).toBe('');
    for (const i of [0, 1] as const) {
      expect((await introspect(op, w.clients[i], w.logins[i].accessToken)).active).toBe(false);
      const ui = await userinfo(op, w.logins[i].accessToken);
      expect(ui.status).toBe(401);
      expect(ui.headers.get('www-authenticate')).toContain('invalid_token');
      const rt = await refresh(op, w.clients[i], w.logins[i].refreshToken ?? '');
      expect(rt.status).toBe(400);
      expect(((await rt.json()) as { error: string }).error).toBe('invalid_grant');
      expect(await sessionState(op, w.logins[i].jar)).toBe('unknown');
      expect(await promptNone(op, w.clients[i], w.logins[i].jar)).toBe('login_required');
    }
    expect(op.stats()).toMatchObject({ sessions: 0, accessTokens: 0, refreshTokens: 0 });
  });

  test('a bystander at the same clients keeps session, access token and refresh token', async ({ op }) => {
    const w = await gtrWorld(op);
    const bystander = await createUser(op, w.token);
    const logins = [await liveLogin(op, w.clients[0], bystander), await liveLogin(op, w.clients[1], bystander)] as const;
    expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
    for (const i of [0, 1] as const) expect(await liveness(op, w.clients[i], logins[i])).toEqual(ALIVE);
  });

  test('the user logs in again; new session and tokens work; a code issued before the call is still redeemable', async ({ op }) => {
    const w = await gtrWorld(op);
    const pending = await login(op, w.clients[0], w.user, undefined, { scope: 'openid profile offline_access', prompt: 'consent' });
    expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
    // gtr-facts c3: a not yet redeemed authorization code lives on and yields tokens.
    const redeemed = await redeem(op, w.clients[0], pending.location.searchParams.get('code') ?? '');
    expect(redeemed.status).toBe(200);
    const again = await liveLogin(op, w.clients[0], w.user);
    expect(await liveness(op, w.clients[0], again)).toEqual(ALIVE);
  });

  test('repeat → 204; a user with nothing → 204; an unknown user → 204, all alike', async ({ op }) => {
    const w = await gtrWorld(op);
    const idle = await createUser(op, w.token);
    for (const body of [byUid(w.user.userId), byUid(w.user.userId), byUid(idle.userId), byUid('no-such-user')]) {
      const res = await gtr(op, { auth: w.auth, body });
      await expectEmpty(res, 204);
      expect(res.headers.get('content-type')).toBeNull();
    }
  });

  test('only the first user matching format/id is revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    const shared = { givenName: `shared-${w.user.userId}` };
    const first = await createUser(op, w.token, shared);
    const second = await createUser(op, w.token, shared);
    const a = await liveLogin(op, w.clients[0], first);
    const b = await liveLogin(op, w.clients[0], second);
    expect((await gtr(op, { auth: w.auth, body: subject('givenName', shared.givenName) })).status).toBe(204);
    expect(await liveness(op, w.clients[0], a)).toEqual(DEAD);
    expect(await liveness(op, w.clients[0], b)).toEqual(ALIVE);
  });

  test('mail, inum and a custom attribute select the user; email, wildcards and near misses select nobody', async ({ op }) => {
    const w = await gtrWorld(op);
    const user = await createUser(op, w.token, { customAttributes: [{ name: 'employeeNumber', values: ['4711'] }] });
    const session = await liveLogin(op, w.clients[0], user);
    for (const body of [
      subject('email', user.mail),
      subject('uid', `${user.userId.slice(0, 6)}*`),
      subject('uid', '*'),
      subject('uid', user.userId.slice(0, -1)),
      subject('uid', `${user.userId})(uid=*`),
      subject('userId', user.userId),
      subject('opaque', user.userId),
    ]) {
      expect((await gtr(op, { auth: w.auth, body })).status, JSON.stringify(body)).toBe(204);
    }
    expect(await liveness(op, w.clients[0], session)).toEqual(ALIVE);
    for (const body of [subject('mail', user.mail), subject('inum', user.inum), { sub_id: { format: 'employeeNumber', id: 4711 } }]) {
      const again = await liveLogin(op, w.clients[0], user);
      expect((await gtr(op, { auth: w.auth, body })).status).toBe(204);
      expect(await liveness(op, w.clients[0], again), JSON.stringify(body)).toEqual(DEAD);
    }
  });

  test('client_credentials tokens survive; revoke_session removes sessions but leaves tokens', async ({ op }) => {
    const w = await gtrWorld(op);
    const cc = await opFetch(op)(`${op.issuer}${JANS}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: w.auth },
      body: form({ grant_type: 'client_credentials' }),
    });
    const { access_token } = (await cc.json()) as { access_token: string };
    expect((await gtr(op, { auth: `Bearer ${access_token}`, body: byUid(w.user.userId) })).status).toBe(204);
    expect((await introspect(op, w.revoker, access_token)).active).toBe(true);

    const rs = await createClient(op, w.token, {
      redirectUris: [],
      grantTypes: ['client_credentials'],
      responseTypes: [],
      scopes: ['inum=7D90,ou=scopes,o=jans'],
    });
    const fresh = await liveLogin(op, w.clients[0], w.user);
    expect(
      (await revoke(op, { auth: basic(rs.inum, rs.clientSecret), params: { user_criterion_key: 'uid', user_criterion_value: w.user.userId } })).status,
    ).toBe(200);
    expect(await liveness(op, w.clients[0], fresh)).toEqual({ session: 'unknown', userinfo: 200, refresh: 200 });
  });
});

test.describe('GTR refresh tokens (gtr-facts e1) and introspection', () => {
  test('a refresh rotates the token: the old one is invalid_grant, the new one and the access tokens keep working', async ({ op }) => {
    const token = await tokenFor(op);
    const user = await createUser(op, token);
    const client = await loginClient(op, token);
    const live = await liveLogin(op, client, user);
    const first = await refresh(op, client, live.refreshToken ?? '');
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as { refresh_token: string; access_token: string };
    expect(rotated.refresh_token).not.toBe(live.refreshToken);
    const reuse = await refresh(op, client, live.refreshToken ?? '');
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error: string }).error).toBe('invalid_grant');
    // A reused old token does not revoke the grant (Janssen has no reuse detection).
    expect((await userinfo(op, rotated.access_token)).status).toBe(200);
    expect((await refresh(op, client, rotated.refresh_token)).status).toBe(200);
    // Janssen's introspection looks up access tokens only.
    expect((await introspect(op, client, rotated.refresh_token)).active).toBe(false);
  });

  test('refresh tokens only with the refresh_token grant, offline_access granted, and prompt=consent or a trusted client', async ({ op }) => {
    const token = await tokenFor(op);
    const user = await createUser(op, token);
    const noGrant = await loginClient(op, token, { grantTypes: ['authorization_code'] });
    const normal = await loginClient(op, token);
    const trusted = await loginClient(op, token, { trustedClient: true });
    expect((await liveLogin(op, noGrant, user)).refreshToken).toBeUndefined();
    expect((await liveLogin(op, normal, user, { scope: 'openid profile' })).refreshToken).toBeUndefined();
    expect((await liveLogin(op, normal, user, { prompt: 'login' })).refreshToken).toBeUndefined();
    expect((await liveLogin(op, normal, user)).refreshToken).toBeTruthy();
    const viaTrusted = await login(op, trusted, user, undefined, { scope: 'openid offline_access' });
    expect(viaTrusted.pages).toEqual(['loginForm']);
    const redeemed = (await (await redeem(op, trusted, viaTrusted.location.searchParams.get('code') ?? '')).json()) as { refresh_token?: string };
    expect(redeemed.refresh_token).toBeTruthy();
  });

  test('forceOfflineAccessScopeToEnableRefreshToken=false issues refresh tokens without offline_access', async ({ op }) => {
    const token = await tokenFor(op);
    await patchConfig(op, token, [{ op: 'replace', path: '/forceOfflineAccessScopeToEnableRefreshToken', value: false }]);
    const user = await createUser(op, token);
    const client = await loginClient(op, token, { scopes: ['openid', 'profile', OFFLINE_SCOPE_DN] });
    expect((await liveLogin(op, client, user, { scope: 'openid profile', prompt: 'login' })).refreshToken).toBeTruthy();
  });
});

test.describe('GTR precedence (gtr-facts a3)', () => {
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
    // A user's token from a normal login at an RP registered with the scope (gtr-facts a2, security inference).
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

test.describe('GTR body (gtr-facts b)', () => {
  const BAD = [
    'not json',
    '{"sub_id":{"format":"uid","id":"x"}',
    '',
    '   ',
    '[]',
    '"x"',
    '1',
    'true',
    "{'sub_id':{}}",
    '{"sub_id":{"format":"uid","id":"x"},"extra":1}',
    '{"Sub_id":{"format":"uid","id":"x"}}',
    '{"sub_id":{"format":"email","email":"a@example.test"}}',
    '{"sub_id":{"format":"iss_sub","iss":"https://x","sub":"y"}}',
    '{"sub_id":{"format":"phone_number","phone_number":"+1"}}',
    '{"sub_id":"x"}',
    '{"sub_id":""}',
    '{"sub_id":[]}',
    '{"sub_id":1}',
    '{"sub_id":{"format":"uid","id":{}}}',
    '{"sub_id":{"format":"uid","id":[]}}',
    '{"sub_id":{"format":["uid"],"id":"x"}}',
    '{"sub_id":{"format":"uid","id":"x\u0001"}}',
    '{"sub_id":{"format":"uid","id":01}}',
  ];
  test('malformed or unmappable bodies → 400 invalid_request JSON, nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const raw of BAD) {
      const body = raw.replaceAll('"x"', JSON.stringify(w.user.userId));
      const res = await gtr(op, { auth: w.auth, body });
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    }
    await expectAlive(op, w);
  });

  test('{}, null and {"sub_id":null} → 500 empty (NPE), nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const body of ['{}', 'null', '{"sub_id":null}', ' null ']) await expectEmpty(await gtr(op, { auth: w.auth, body }), 500);
    await expectAlive(op, w);
  });

  test('no attribute name or no value → 204, nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const body of [
      '{"sub_id":{}}',
      `{"sub_id":{"format":"uid"}}`,
      `{"sub_id":{"id":"${w.user.userId}"}}`,
      `{"sub_id":{"format":"","id":"${w.user.userId}"}}`,
      `{"sub_id":{"format":"uid","id":null}}`,
    ]) {
      await expectEmpty(await gtr(op, { auth: w.auth, body }), 204);
    }
    await expectAlive(op, w);
  });

  test('Jackson details: scalar ids are coerced by their text, duplicate members keep the last, trailing content is ignored', async ({ op }) => {
    const w = await gtrWorld(op);
    const numbered = await createUser(op, w.token, { customAttributes: [{ name: 'badge', values: ['1.50', 'true'] }] });
    let live = await liveLogin(op, w.clients[0], numbered);
    expect((await gtr(op, { auth: w.auth, body: '{"sub_id":{"format":"badge","id":1.50}}' })).status).toBe(204);
    expect(await liveness(op, w.clients[0], live)).toEqual(DEAD);
    live = await liveLogin(op, w.clients[0], numbered);
    expect((await gtr(op, { auth: w.auth, body: '{"sub_id":{"format":"badge","id":true}}' })).status).toBe(204);
    expect(await liveness(op, w.clients[0], live)).toEqual(DEAD);
    expect((await gtr(op, { auth: w.auth, body: `{"sub_id":{"format":"uid","id":"${w.user.userId}","id":"someone-else"}}` })).status).toBe(204);
    await expectAlive(op, w);
    expect((await gtr(op, { auth: w.auth, body: `{"sub_id":{"format":"uid","id":"${w.user.userId}"}} trailing garbage` })).status).toBe(204);
    expect(await liveness(op, w.clients[0], w.logins[0])).toEqual(DEAD);
  });

  test('a 64 KiB id → 204, nothing revoked; a body over 256 KiB → 413', async ({ op }) => {
    const w = await gtrWorld(op);
    await expectEmpty(await gtr(op, { auth: w.auth, body: subject('uid', 'v'.repeat(64 * 1024)) }), 204);
    expect((await gtr(op, { auth: w.auth, body: subject('uid', 'v'.repeat(300 * 1024)) })).status).toBe(413);
    await expectAlive(op, w);
  });
});

test.describe('GTR and unauthenticated sessions (gtr-facts c1)', () => {
  test('the login page makes an unauthenticated session bound to nobody; GTR leaves it', async ({ op }) => {
    const w = await gtrWorld(op);
    const browser = await atLoginPage(op, w.clients[0]);
    expect(await sessionState(op, browser.jar)).toBe('unauthenticated');
    expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
    expect(await sessionState(op, browser.jar)).toBe('unauthenticated');
  });

  test('multi_step after step 1: unauthenticated and bound; revoke_session keeps it, GTR removes it; step 2 then fails', async ({ op }) => {
    const w = await gtrWorld(op);
    const half = await multiStepFirstStep(op, w.clients[0], w.user);
    expect(await sessionState(op, half.jar)).toBe('unauthenticated');
    const rs = await createClient(op, w.token, {
      redirectUris: [],
      grantTypes: ['client_credentials'],
      responseTypes: [],
      scopes: ['inum=7D90,ou=scopes,o=jans'],
    });
    await revoke(op, { auth: basic(rs.inum, rs.clientSecret), params: { user_criterion_key: 'uid', user_criterion_value: w.user.userId } });
    expect(await sessionState(op, half.jar)).toBe('unauthenticated');
    expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
    expect(await sessionState(op, half.jar)).toBe('unknown');
    const step2 = await half.jar.fetch(half.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ otpForm: 'otpForm', 'otpForm:code': '1' }),
    });
    expect(step2.status).toBe(200);
    expect(await step2.text()).toContain('Failed to authenticate.');
  });

  test('multi_step completes after the OTP page; the session is authenticated under a new id', async ({ op }) => {
    const w = await gtrWorld(op);
    const other = await createUser(op, w.token);
    const done = await login(op, w.clients[0], other, undefined, { acr_values: 'multi_step' });
    expect(done.pages.slice(0, 2)).toEqual(['loginForm', 'otpForm']);
    expect(await sessionState(op, done.jar)).toBe('authenticated');
  });
});

test.describe('GTR flag, claim and builds', () => {
  test('a short featureFlags list switches off userinfo, introspection and end_session too (403), as on Janssen', async ({ op }) => {
    const w = await gtrWorld(op);
    await patchFlags(op, w.token, ['status_session', 'revoke_session']);
    const ui = await userinfo(op, w.logins[0].accessToken);
    expect(ui.status).toBe(403);
    expect(await ui.json()).toEqual({ error: 'access_denied', error_description: 'access_denied' });
    const intro = await opFetch(op)(`${op.issuer}${JANS}/introspection`, {
      method: 'POST',
      headers: { authorization: basic(w.clients[0].inum, w.clients[0].clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ token: w.logins[0].accessToken }),
    });
    expect(intro.status).toBe(403);
    expect((await opFetch(op)(`${op.issuer}${JANS}/end_session`)).status).toBe(403);
    await patchFlags(op, w.token, flagsWithout('global_token_revocation'));
    await expectAlive(op, w);
  });

  test('claim = end_session_endpoint with /end_session replaced; in scopes_supported; follows the flag through reload and the discovery cache', async ({
    op,
  }) => {
    const token = await tokenFor(op);
    let doc = await discovery(op);
    expect(doc[CLAIM]).toBe(String(doc.end_session_endpoint).replace('/end_session', '/global-token-revocation'));
    expect(doc[CLAIM]).toBe(`${op.issuer}/jans-auth/restv1/global-token-revocation`);
    await patchFlags(op, token, ['revoke_session', 'status_session']);
    expect(CLAIM in (await discovery(op))).toBe(true);
    await patchConfig(op, token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 1 }]);
    doc = await discovery(op);
    expect(CLAIM in doc).toBe(false);
    expect(doc.session_revocation_endpoint).toBeDefined();
    await patchFlags(op, token, ['GLOBAL_TOKEN_REVOCATION']);
    await patchConfig(op, token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 60 }]);
    doc = await discovery(op);
    expect(doc[CLAIM]).toBeDefined();
    expect(doc.session_revocation_endpoint).toBeUndefined();
  });

  test('newest build (GTR only): GTR serves; revoke_session is 401 without and 404 with credentials, its flag is unknown, no claim', async () => {
    const op = await startOp({ endpoints: ['global_token_revocation'], featureFlags: ['revoke_session'] });
    try {
      const token = await tokenFor(op);
      const client = await gtrClient(op, token);
      const auth = basic(client.inum, client.clientSecret);
      await expectInvalidClient(await revoke(op, { params: { user_criterion_key: 'uid', user_criterion_value: 'x' } }));
      for (const method of ['POST', 'GET', 'DELETE']) await expectEmpty(await revoke(op, { method, auth, params: {} }), 404);
      const doc = await discovery(op);
      expect('session_revocation_endpoint' in doc).toBe(false);
      // ['revoke_session'] holds no flag this build knows: an empty set, everything enabled (janssen-facts c2).
      expect(doc[CLAIM]).toBeDefined();
      expect((await gtr(op, { auth, body: byUid('nobody') })).status).toBe(204);
      expect(op.endpoints).toEqual(['global_token_revocation']);
      expect((await discovery(op)).scopes_supported).toContain('global_token_revocation');
    } finally {
      await op.close();
    }
  });

  test('build before GTR: 404 at its path whatever the credentials, no claim, no 7D92 scope, its flag unknown', async () => {
    const op = await startOp({ endpoints: ['revoke_session'], featureFlags: ['global_token_revocation'] });
    try {
      const token = await tokenFor(op);
      const client = await createClient(op, token);
      await expectEmpty(await gtr(op, { body: byUid('x') }), 404);
      await expectEmpty(await gtr(op, { auth: basic(client.inum, client.clientSecret), body: byUid('x') }), 404);
      const doc = await discovery(op);
      expect(CLAIM in doc).toBe(false);
      expect(doc.session_revocation_endpoint).toBeDefined();
      expect(doc.scopes_supported).not.toContain('global_token_revocation');
      const refused = await opFetch(op)(`${op.issuer}/jans-config-api/api/v1/openid/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ redirectUris: [], grantTypes: ['client_credentials'], scopes: [GTR_SCOPE_DN] }),
      });
      expect(refused.status).toBe(400);
    } finally {
      await op.close();
    }
  });

  test('an empty build has no GTR either: 404 without credentials', async () => {
    const op = await startOp({ endpoints: [] });
    try {
      expect((await gtr(op, { body: byUid('x') })).status).toBe(404);
      expect(CLAIM in (await discovery(op))).toBe(false);
    } finally {
      await op.close();
    }
  });
});
