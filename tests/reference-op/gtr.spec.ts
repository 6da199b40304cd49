import { ALIVE, byUid, DEAD, expectAlive, gtr, gtrWorld, liveLogin, liveness, loginClient, subject } from './gtr-support';
import { atLoginPage, login, multiStepFirstStep, promptNone, sessionState } from './login-support';
import {
  basic,
  createClient,
  createUser,
  expect,
  expectEmpty,
  form,
  introspect,
  JANS,
  OFFLINE_SCOPE_DN,
  opFetch,
  patchConfig,
  redeem,
  refresh,
  revoke,
  test,
  tokenFor,
  userinfo,
} from './support';

/** Janssen's Global Token Revocation: what a revocation removes and what it leaves (docs/behaviour/global-token-revocation.md). */

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
    // A not yet redeemed authorization code lives on and yields tokens (docs/behaviour/global-token-revocation.md#what-it-removes).
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

// docs/behaviour/server.md#refresh-tokens, docs/behaviour/global-token-revocation.md#how-it-looks-from-outside
test.describe('GTR refresh tokens and introspection', () => {
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

  test('as Janssen: offline_access is granted to a client without the refresh_token grant (no refresh token); a scope the client lacks is dropped, not refused', async ({
    op,
  }) => {
    const token = await tokenFor(op);
    const user = await createUser(op, token);
    const granted = async (client: Awaited<ReturnType<typeof loginClient>>) => {
      const { location } = await login(op, client, user, undefined, { scope: 'openid profile offline_access', prompt: 'consent' });
      expect(location.searchParams.get('error'), location.href).toBeNull();
      const res = await redeem(op, client, location.searchParams.get('code') ?? '');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { scope?: string; refresh_token?: string };
      return { scopes: (body.scope ?? '').split(' ').sort(), refreshToken: body.refresh_token };
    };
    // checkScopes keeps offline_access (code, prompt=consent); isRefreshTokenAllowed withholds the token.
    expect(await granted(await loginClient(op, token, { grantTypes: ['authorization_code'] }))).toEqual({
      scopes: ['offline_access', 'openid', 'profile'],
      refreshToken: undefined,
    });
    // ScopeChecker grants the registered scopes only: the login works, offline_access is not granted.
    expect(await granted(await loginClient(op, token, { scopes: ['openid', 'profile'] }))).toEqual({ scopes: ['openid', 'profile'], refreshToken: undefined });
    const full = await granted(await loginClient(op, token));
    expect(full.scopes).toEqual(['offline_access', 'openid', 'profile']);
    expect(full.refreshToken).toBeTruthy();
  });

  test('forceOfflineAccessScopeToEnableRefreshToken=false issues refresh tokens without offline_access', async ({ op }) => {
    const token = await tokenFor(op);
    await patchConfig(op, token, [{ op: 'replace', path: '/forceOfflineAccessScopeToEnableRefreshToken', value: false }]);
    const user = await createUser(op, token);
    const client = await loginClient(op, token, { scopes: ['openid', 'profile', OFFLINE_SCOPE_DN] });
    expect((await liveLogin(op, client, user, { scope: 'openid profile', prompt: 'login' })).refreshToken).toBeTruthy();
  });
});

// docs/behaviour/global-token-revocation.md#what-it-removes
test.describe('GTR and unauthenticated sessions', () => {
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
