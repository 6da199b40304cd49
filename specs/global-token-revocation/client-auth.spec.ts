import { clientToken, expect, req, test, uniqueTag } from '../../fixtures/test';

/** Each negative check is the happy path with one input changed, and proves on a live victim (session and tokens) that nothing was revoked. */
test.describe('client authentication and scope', () => {
  test('no client authentication → 401 invalid_client; nothing revoked', req('GTR-AUTH-1'), async ({ profile, arrange, act, probe }) => {
    const { user, sessions } = await arrange.liveVictim();
    const response = await act.revoke({ auth: { kind: 'none' }, key: 'uid', value: user.uid });
    expect(response.status).toBe(401);
    expect(typeof response.json?.error, 'a JSON body with an error').toBe('string');
    if (profile === 'janssen') {
      expect(response.json?.error).toBe('invalid_client');
      expect(response.headers['www-authenticate']).toBe('Basic realm="jans-auth"');
    }
    await probe.expectUntouched(...sessions);
  });

  test('wrong client secret → 401 invalid_client; nothing revoked', req('GTR-AUTH-2'), async ({ arrange, act, probe }) => {
    const { user, sessions } = await arrange.liveVictim();
    const revoker = await arrange.client('revoker');
    const response = await act.revoke({
      auth: { kind: 'basic', client: { ...revoker, clientSecret: `${revoker.clientSecret}x` } },
      key: 'uid',
      value: user.uid,
    });
    expect(response.status).toBe(401);
    expect(response.json?.error).toBe('invalid_client');
    await probe.expectUntouched(...sessions);
  });

  test('unknown client_id, or an unknown Bearer token → 401 invalid_client; nothing revoked', req('GTR-AUTH-3'), async ({ arrange, act, probe }) => {
    const { user, sessions } = await arrange.liveVictim();
    const revoker = await arrange.client('revoker');
    const unknownClient = await act.revoke({
      auth: { kind: 'basic', client: { clientId: `rsconf-unknown-${uniqueTag()}`, clientSecret: revoker.clientSecret } },
      key: 'uid',
      value: user.uid,
    });
    const unknownToken = await act.revoke({ auth: { kind: 'bearer', token: `rsconf-unknown-token-${uniqueTag()}` }, key: 'uid', value: user.uid });
    for (const response of [unknownClient, unknownToken]) {
      expect(response.status).toBe(401);
      expect(response.json?.error).toBe('invalid_client');
    }
    await probe.expectUntouched(...sessions);
  });

  test('a client without the global_token_revocation scope is refused; nothing revoked', req('GTR-AUTH-4'), async ({ profile, arrange, act, probe }) => {
    const { user, sessions } = await arrange.liveVictim();
    const response = await act.revoke({ auth: { kind: 'basic', client: await arrange.client('no-scope') }, key: 'uid', value: user.uid });
    if (profile === 'janssen') expect(`${response.status} ${String(response.json?.error)}`).toBe('401 invalid_request');
    else expect(response.status, 'draft §3.4.2: insufficient authorization (missing scopes) → 403').toBe(403);
    await probe.expectUntouched(...sessions);
  });

  test('the same with a Bearer access token of that client (client_credentials) → 204', req('GTR-AUTH-6'), async ({ target, arrange, act, probe }) => {
    const revoker = await arrange.client('revoker');
    const token = await clientToken(target, revoker, 'openid global_token_revocation');
    if (!token.token) throw arrange.harnessError(`The token endpoint issued no client_credentials token to the revoker (${token.status}).`);
    const { user, sessions } = await arrange.liveVictim();
    const response = await act.revoke({ auth: { kind: 'bearer', token: token.token }, key: 'uid', value: user.uid });
    expect(response.status).toBe(204);
    await probe.expectRevoked(...sessions);
  });

  test('other ways a client can authenticate (reported)', req('GTR-AUTH-7'), async ({ arrange, act, probe, verdict }) => {
    // A user's access token from an ordinary login at an RP client that is registered with the scope.
    const victim = await arrange.liveVictim();
    const rpUser = await arrange.user();
    const rp = await arrange.login(rpUser, 'login-scoped').catch(() => undefined);
    if (rp?.accessToken) {
      const withUserToken = await act.revoke({ auth: { kind: 'bearer', token: rp.accessToken }, key: 'uid', value: victim.user.uid });
      const [after] = await probe.now(victim.sessions);
      verdict.evidence(
        `a user's access token from a login at an RP client registered with the scope: ${withUserToken.status}; another user's session afterwards: prompt=none → ${after?.promptNone} (Janssen checks the client's registration, not the token)`,
      );
    } else verdict.evidence('a user access token of an RP client registered with the scope: not probed (no such client in static mode)');
    // client_secret_post credentials can only travel in the query string: a JSON body cannot carry them.
    const named = rp ?? (await arrange.login(rpUser));
    const queried = await act.revoke({ auth: { kind: 'post', client: await arrange.client('revoker-post') }, key: 'uid', value: rpUser.uid });
    const [afterQuery] = await probe.now([named]);
    verdict.evidence(
      `client_secret_post credentials in the query string: ${queried.status}; the named user's session afterwards: prompt=none → ${afterQuery?.promptNone}`,
    );
    verdict.evidence('dynamic registration of the scope: not probed (a run never registers clients it cannot remove)');
    expect([204, 401, 403], 'client_secret_post in the query string is accepted (204) or refused (401/403), never a server error').toContain(queried.status);
  });
});
