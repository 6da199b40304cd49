import { clientToken, expect, generatedClientKey, refusedSideBySide, req, test, uniqueTag, type ClientAuth } from '../../fixtures/test';

/**
 * Each negative check is the happy path with one input changed, and proves on a live victim (session and tokens) that nothing was revoked.
 * Under the draft profile the answers carry no body (docs/behaviour/draft.md#what-the-draft-asks) and the revoker authenticates the
 * way the run chose (JANS_GTR_CLIENT_AUTH); the credential checks then also try that way with a wrong credential.
 */
test.describe('client authentication and scope', () => {
  /** The four refusals side by side: each on a live victim of its own, one wait of the grace period for all (refusedSideBySide). */
  test(
    'refused callers revoke nothing: no client authentication, a wrong secret, an unknown client_id or Bearer token → 401 invalid_client; a client without the global_token_revocation scope is refused',
    req('GTR-AUTH-1', 'GTR-AUTH-2', 'GTR-AUTH-3', 'GTR-AUTH-4'),
    async ({ target, endpoint, profile, arrange, act, probe, verdict }) => {
      const revoker = await arrange.client('revoker');
      const auth = await arrange.revokerAuth();
      const allRefused = (responses: { status: number; json?: { error?: unknown } }[]) => {
        for (const response of responses) {
          expect(response.status).toBe(401);
          if (profile === 'janssen') expect(response.json?.error).toBe('invalid_client');
        }
      };
      await refusedSideBySide({ endpoint, arrange, probe, verdict }, [
        {
          id: 'GTR-AUTH-1',
          title: 'no client authentication → 401 invalid_client',
          refuse: async ({ user }) => {
            const response = await act.revoke({ auth: { kind: 'none' }, user });
            expect(response.status).toBe(401);
            if (profile === 'janssen') {
              expect(typeof response.json?.error, 'a JSON body with an error').toBe('string');
              expect(response.json?.error).toBe('invalid_client');
              expect(response.headers['www-authenticate']).toBe('Basic realm="jans-auth"');
            }
          },
        },
        {
          id: 'GTR-AUTH-2',
          title: 'wrong client secret → 401 invalid_client',
          refuse: async ({ user }) => {
            const responses = [await act.revoke({ auth: { kind: 'basic', client: { ...revoker, clientSecret: `${revoker.clientSecret}x` } }, user })];
            // A JWT signed with a key the revoker never registered.
            if (auth.kind === 'jwt') responses.push(await act.revoke({ auth: { ...auth, tamper: { key: await generatedClientKey() } }, user }));
            allRefused(responses);
          },
        },
        {
          id: 'GTR-AUTH-3',
          title: 'unknown client_id, or an unknown Bearer token → 401 invalid_client',
          refuse: async ({ user }) => {
            const responses = [
              await act.revoke({ auth: { kind: 'basic', client: { clientId: `rsconf-unknown-${uniqueTag()}`, clientSecret: revoker.clientSecret } }, user }),
              await act.revoke({ auth: { kind: 'bearer', token: `rsconf-unknown-token-${uniqueTag()}` }, user }),
            ];
            if (auth.kind === 'jwt') responses.push(await act.revoke({ auth: { ...auth, client: { clientId: `rsconf-unknown-${uniqueTag()}` } }, user }));
            allRefused(responses);
          },
        },
        {
          id: 'GTR-AUTH-4',
          title: 'a client without the global_token_revocation scope is refused',
          refuse: async ({ user }) => {
            const noScope = await arrange.authAs(await arrange.client('no-scope'), 'openid');
            const response = await act.revoke({ auth: noScope, user });
            if (profile === 'janssen') expect(`${response.status} ${String(response.json?.error)}`).toBe('401 invalid_request');
            else if (response.status === 401 && noScope.kind === 'jwt' && target.config.mode === 'static')
              verdict.notJudged(
                'GTR-AUTH-4',
                'The no_scope client listed in JANS_TARGET_FILE refused a JWT signed with JANS_GTR_CLIENT_KEY (401): register that key on it as well (jwks), so that a refusal for the missing scope can be seen.',
              );
            else expect(response.status, 'draft §3.4.2: insufficient authorization (missing scopes) → 403').toBe(403);
          },
        },
      ]);
    },
  );

  test('the same with a Bearer access token of that client (client_credentials) → 204', req('GTR-AUTH-6'), async ({ target, arrange, act, probe, verdict }) => {
    await verdict.judge('GTR-AUTH-6', test.info().title, async () => {
      const revoker = await arrange.client('revoker');
      const token = await clientToken(target, revoker, 'openid global_token_revocation');
      if (!token.token) throw arrange.harnessError(`The token endpoint issued no client_credentials token to the revoker (${token.status}).`);
      const { user, sessions } = await arrange.liveVictim();
      const response = await act.revoke({ auth: { kind: 'bearer', token: token.token }, user });
      expect(response.status).toBe(204);
      await probe.expectRevoked(...sessions);
    });
  });

  test('other ways a client can authenticate (reported)', req('GTR-AUTH-7'), async ({ arrange, act, probe, verdict }) => {
    await verdict.judge('GTR-AUTH-7', test.info().title, async () => {
      // A user's access token from an ordinary login at an RP client that is registered with the scope.
      const victim = await arrange.liveVictim();
      const rpUser = await arrange.user();
      const rp = await arrange.login(rpUser, 'login-scoped').catch(() => undefined);
      if (rp?.accessToken) {
        const withUserToken = await act.revoke({ auth: { kind: 'bearer', token: rp.accessToken }, user: victim.user });
        const [after] = await probe.now(victim.sessions);
        verdict.evidence(
          `a user's access token from a login at an RP client registered with the scope: ${withUserToken.status}; another user's session afterwards: prompt=none → ${after?.promptNone} (Janssen checks the client's registration, not the token)`,
        );
      } else verdict.evidence('a user access token of an RP client registered with the scope: not probed (no such client in static mode)');
      // client_secret_post credentials can only travel in the query string: a JSON body cannot carry them.
      const named = rp ?? (await arrange.login(rpUser));
      const queried = await act.revoke({ auth: { kind: 'post', client: await arrange.client('revoker-post') }, user: rpUser });
      const [afterQuery] = await probe.now([named]);
      verdict.evidence(
        `client_secret_post credentials in the query string: ${queried.status}; the named user's session afterwards: prompt=none → ${afterQuery?.promptNone}`,
      );
      verdict.evidence('dynamic registration of the scope: not probed (a run never registers clients it cannot remove)');
      expect([204, 401, 403], 'client_secret_post in the query string is accepted (204) or refused (401/403), never a server error').toContain(queried.status);
    });
  });

  test(
    'a wrong client-authentication JWT (expired, for another audience, replayed, or of another typ) → 401; nothing revoked',
    req('GTR-AUTH-2'),
    async ({ target, endpoint, arrange, act, probe, verdict }) => {
      const method = endpoint.clientAuth(target.config);
      test.skip(
        method !== 'private_key_jwt' && method !== 'global-token-revocation+jwt',
        `the run authenticates with ${method}, not a JWT (JANS_GTR_PROFILE=draft with JANS_GTR_CLIENT_AUTH=private_key_jwt or global-token-revocation+jwt)`,
      );
      const auth = await arrange.revokerAuth();
      if (auth.kind !== 'jwt') throw arrange.harnessError(`The run's ${method} client authentication is not a JWT.`);
      const { user, sessions } = await arrange.liveVictim();
      const now = Math.floor(Date.now() / 1000);
      const refused: [string, ClientAuth][] = [
        ['an expired JWT', { ...auth, tamper: { claims: { iat: now - 600, nbf: now - 600, exp: now - 120 } } }],
        ['a JWT for another audience', { ...auth, tamper: { claims: { aud: 'https://rs-conformance.invalid/global-token-revocation' } } }],
      ];
      // Okta's form is told from an access token by its typ (docs/behaviour/draft.md#okta-universal-logout).
      if (auth.form === 'global-token-revocation+jwt') refused.push(['a Bearer JWT of typ JWT', { ...auth, tamper: { header: { typ: 'JWT' } } }]);
      for (const [what, tampered] of refused) {
        const response = await act.revoke({ auth: tampered, user });
        verdict.evidence(`${what} → ${response.status}`);
        expect(response.status, `${what} must be refused: 401`).toBe(401);
      }
      // A JWT the endpoint accepted once, naming another user, then again naming U.
      const once = await act.signed(auth);
      const first = await act.revoke({ auth: once, user: await arrange.user() });
      if (first.status !== 204)
        throw arrange.harnessError(`A fresh client-authentication JWT was not accepted (${first.status}), so its replay cannot be judged.`);
      const replayed = await act.revoke({ auth: once, user });
      verdict.evidence(`the same JWT a second time → ${replayed.status}`);
      expect(replayed.status, 'a JWT used a second time (its jti seen before) must be refused: 401').toBe(401);
      await probe.expectUntouched(...sessions);
    },
  );
});
