import { clientToken, expect, refusedSideBySide, req, test, uniqueTag } from '../../fixtures/test';

/** Each negative check is the happy path with one input changed, and proves the victim's session survived. */
test.describe('client authentication and scope', () => {
  /** The four refusals side by side: each on a victim of its own, one wait of the grace period for all (refusedSideBySide). */
  test(
    'refused callers revoke nothing: no client authentication, a wrong secret or an unknown client_id → 401 invalid_client; a client without the scope is refused',
    req('RS-AUTH-1', 'RS-AUTH-2', 'RS-AUTH-3', 'RS-AUTH-4'),
    async ({ endpoint, profile, arrange, act, probe, verdict }) => {
      const revoker = await arrange.client('revoker');
      const invalidClient = (response: { status: number; json?: { error?: unknown } }) => {
        expect(response.status).toBe(401);
        expect(response.json?.error).toBe('invalid_client');
      };
      await refusedSideBySide({ endpoint, arrange, probe, verdict }, [
        {
          id: 'RS-AUTH-1',
          title: 'no client authentication → 401 invalid_client',
          refuse: async ({ user }) => {
            const response = await act.revoke({ auth: { kind: 'none' }, key: 'uid', value: user.uid });
            expect(response.status).toBe(401);
            expect(typeof response.json?.error, 'a JSON body with an error').toBe('string');
            if (profile === 'janssen') {
              expect(response.json?.error).toBe('invalid_client');
              expect(response.headers['www-authenticate'], 'Janssen answers a missing authentication with WWW-Authenticate: Basic').toMatch(/^Basic\b/i);
            }
          },
        },
        {
          id: 'RS-AUTH-2',
          title: 'wrong client secret → 401 invalid_client',
          refuse: async ({ user }) =>
            invalidClient(
              await act.revoke({ auth: { kind: 'basic', client: { ...revoker, clientSecret: `${revoker.clientSecret}x` } }, key: 'uid', value: user.uid }),
            ),
        },
        {
          id: 'RS-AUTH-3',
          title: 'unknown client_id → 401 invalid_client',
          refuse: async ({ user }) =>
            invalidClient(
              await act.revoke({
                auth: { kind: 'basic', client: { clientId: `rsconf-unknown-${uniqueTag()}`, clientSecret: revoker.clientSecret } },
                key: 'uid',
                value: user.uid,
              }),
            ),
        },
        {
          id: 'RS-AUTH-4',
          title: 'a client without the revoke_session scope is refused',
          refuse: async ({ user }) => {
            const response = await act.revoke({ auth: { kind: 'basic', client: await arrange.client('no-scope') }, key: 'uid', value: user.uid });
            const outcome = `${response.status} ${String(response.json?.error)}`;
            if (profile === 'janssen') expect(outcome).toBe('401 invalid_request');
            else expect(['401 invalid_request', '403 insufficient_scope']).toContain(outcome);
          },
        },
      ]);
    },
  );

  test('the same with client_secret_post → 200 and the sessions are gone', req('RS-AUTH-6'), async ({ arrange, act, probe, verdict }) => {
    await verdict.judge('RS-AUTH-6', test.info().title, async () => {
      const { user, sessions } = await arrange.userWithSessions(1);
      const response = await act.revoke({ auth: { kind: 'post', client: await arrange.client('revoker-post') }, key: 'uid', value: user.uid });
      expect(response.status).toBe(200);
      await probe.expectRevoked(...sessions);
    });
  });

  test('the same with a Bearer access token of that client (reported)', req('RS-AUTH-7'), async ({ target, arrange, act, probe, verdict }) => {
    await verdict.judge('RS-AUTH-7', test.info().title, async () => {
      const revoker = await arrange.client('revoker');
      const token = await clientToken(target, revoker, 'openid revoke_session');
      test.skip(!token.token, `the token endpoint issued no client_credentials token to the revoker (${token.status})`);
      const { user, sessions } = await arrange.userWithSessions(1);
      const response = await act.revoke({ auth: { kind: 'bearer', token: token.token as string }, key: 'uid', value: user.uid });
      const [after] = await probe.now(sessions);
      verdict.evidence(`Bearer token of the revoker: ${response.status}; the victim's session afterwards: prompt=none → ${after?.promptNone}`);
      expect([200, 401, 403]).toContain(response.status);
    });
  });
});
