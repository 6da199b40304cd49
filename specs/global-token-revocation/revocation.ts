import { clientToken, expect, req, test, unknownUser } from '../../fixtures/test';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** What a successful Global Token Revocation call does: registered first in the run by specs/effect.spec.ts, which says why. */
export function globalTokenRevocationEffect(): void {
  test.describe('what a successful call does', () => {
    /**
     * One arrangement serves several requirements, each judged on its own: U logged in at two clients
     * (two browsers, two access and refresh tokens), bystander V at the same clients.
     */
    test(
      "U's sessions and tokens at both clients end within the grace period; bystander V keeps everything; U can log in again",
      req(
        'GTR-AUTH-5',
        'GTR-REV-1',
        'GTR-REV-2',
        'GTR-REV-4',
        'GTR-REV-5',
        'GTR-REV-6',
        'GTR-REV-9',
        'GTR-REV-11',
        'GTR-TOK-1',
        'GTR-TOK-2',
        'GTR-TOK-3',
        'GTR-TOK-4',
      ),
      async ({ target, endpoint, profile, arrange, act, probe, verdict }) => {
        const u = await arrange.liveVictim(['login', 'login-b']);
        const v = await arrange.liveVictim(['login', 'login-b']);
        await probe.expectUntouched(...u.sessions);
        // A token of no user: the revoker's own client_credentials token, which the call must leave alone.
        const revoker = await arrange.client('revoker');
        const own = await clientToken(target, revoker, 'openid global_token_revocation');
        const ownUnprovable =
          typeof target.discovery.introspection_endpoint !== 'string'
            ? 'the target advertises no introspection_endpoint'
            : !own.token
              ? `the token endpoint issued the revoker no client_credentials token (${own.status})`
              : await probe.clientTokenUnprovable(revoker, own.token);
        const code = await u.sessions[0]?.codeForLater();
        if (!code) throw arrange.harnessError('prompt=none in a live session issued no authorization code to keep for later.');
        const response = await act.revoke({ auth: await arrange.authAs(revoker), user: u.user });
        const started = Date.now();
        const graceMs = target.config.graceMs;
        const refreshing = u.sessions.filter((s) => s.refreshToken);
        // Where the target issued the preflight's login no refresh token, the refresh-token parts end ERROR and the rest is judged.
        const unissued = arrange.refreshTokensUnissued;
        await verdict.judge('GTR-AUTH-5', "the run's client authentication (janssen: client_secret_basic) → 204 with an empty body", () => {
          const unable = profile !== 'janssen' && response.status === 422;
          expect(response.status, unable ? 'the server says it cannot log U out (422, draft §3.4.2); the harness needs its users revocable' : undefined).toBe(
            204,
          );
          expect(response.body, 'the 204 has an empty body').toBe('');
        });
        const { subjectFormat, subjectMember } = target.config.draft;
        if (profile !== 'janssen')
          verdict.evidence(`the call authenticated with ${endpoint.clientAuth(target.config)} and named U by ${subjectFormat} in ${subjectMember}`);
        const sessionsGone = await verdict.judge('GTR-REV-1', 'every session of U is gone', () => probe.expectRevoked(...u.sessions));
        await verdict.judge('GTR-REV-2', 'session_status reports unknown', () => probe.expectStatusGone(...u.sessions), { skip: probe.sessionStatusUnusable });
        const accessDead = await verdict.judge('GTR-TOK-1', 'every access token of U is rejected at userinfo', () =>
          probe.expectAccessTokensDead(...u.sessions),
        );
        const refreshDead = await verdict.judge('GTR-TOK-2', 'every refresh token of U is dead', () => probe.expectRefreshTokensDead(...refreshing), {
          skip:
            refreshing.length === 0 && !unissued
              ? 'static mode: the login clients in JANS_TARGET_FILE are not registered for refresh tokens (refresh_tokens: true)'
              : undefined,
          notJudged: unissued,
        });
        await verdict.judge('GTR-TOK-3', 'introspection answers active:false', () => probe.expectIntrospectedInactive(...u.sessions), {
          skip: typeof target.discovery.introspection_endpoint !== 'string' ? 'the target advertises no introspection_endpoint' : undefined,
        });
        await verdict.judge('GTR-REV-5', 'the effect is visible within the grace period', () => {
          verdict.evidence(`sessions, access tokens and refresh tokens judged ${Date.now() - started} ms after the call (grace ${graceMs} ms)`);
          if (profile !== 'janssen') {
            // The draft asks access tokens to go as a SHOULD only (GTR-TOK-1; docs/behaviour/draft.md#what-the-draft-asks).
            expect(
              { sessions: sessionsGone, refreshTokens: refreshDead },
              `the effect of GTR-REV-1 and GTR-TOK-2 must be visible within the grace period (${graceMs} ms)`,
            ).toEqual({ sessions: true, refreshTokens: true });
            return;
          }
          expect(
            { sessions: sessionsGone, accessTokens: accessDead, refreshTokens: refreshDead },
            `the effect of GTR-REV-1, GTR-TOK-1 and GTR-TOK-2 must be visible within the grace period (${graceMs} ms)`,
          ).toEqual({
            sessions: true,
            accessTokens: true,
            refreshTokens: true,
          });
        });
        if (unissued) verdict.notJudged('GTR-REV-5', "the refresh tokens are not judged: the target issued none to the preflight's login (see GTR-TOK-2)");
        await verdict.judge('GTR-TOK-4', 'a code issued before the call, redeemed after it (reported)', async () => {
          const redeemed = await code.redeem();
          verdict.evidence(
            `a code issued before the call, redeemed after it: ${redeemed.status === 200 ? 'still yields tokens (Janssen keeps codes in its cache only)' : `refused (${redeemed.status}${redeemed.error ? ` ${redeemed.error}` : ''})`}`,
          );
          if (profile !== 'janssen') expect(redeemed.status, 'draft §3.3: the user must re-authenticate before new tokens are issued').not.toBe(200);
        });
        await verdict.judge('GTR-REV-4', 'bystander V keeps sessions and tokens', () => probe.expectUntouched(...v.sessions));
        if (unissued) verdict.notJudged('GTR-REV-4', "V's refresh tokens are not judged: the target issued none to the preflight's login (see GTR-TOK-2)");
        await verdict.judge(
          'GTR-REV-11',
          "the revoker's own client_credentials token still works",
          () => probe.expectClientTokenActive(revoker, own.token as string),
          {
            skip: ownUnprovable,
          },
        );
        await verdict.judge('GTR-REV-9', 'repeating the call → 204; a user without session or token → 204', async () => {
          expect((await act.revokeUser(u.user)).status, 'the same call again').toBe(204);
          const idle = await arrange.user();
          // A run naming users by their sub learns it from a login: its first call ends that login, the second names a user holding nothing.
          if (await arrange.learnSubject(idle)) expect((await act.revokeUser(idle)).status, 'ending the login that told the harness its sub').toBe(204);
          expect((await act.revokeUser(idle)).status, 'a user without session or token').toBe(204);
        });
        await verdict.judge('GTR-REV-6', 'U logs in again and the new session and tokens work', async () => {
          await probe.expectUntouched(await probe.expectCanLogIn(u.user));
        });
      },
    );

    test(
      'a session bound to U but not yet authenticated goes; one bound to nobody stays',
      req('GTR-REV-3'),
      async ({ target, profile, arrange, act, probe, verdict }) => {
        await verdict.judge('GTR-REV-3', test.info().title, async () => {
          // Only Janssen's session_status tells a removed half-done login from one left waiting for its next step; the draft asks nothing of either.
          test.skip(
            profile !== 'janssen',
            "the draft asks nothing of a half-done login, and only Janssen's session_status shows one (docs/behaviour/draft.md#where-janssen-differs)",
          );
          test.skip(!target.config.multiStepAcr, 'no multi-step ACR configured (JANS_MULTI_STEP_ACR): a user-bound, unauthenticated session cannot be made');
          test.skip(!target.sessionStatusAvailable, `session_status ${target.findings?.sessionStatus.note ?? 'is unavailable'}`);
          const user = await arrange.user();
          const bound = await arrange.partialSession(user);
          const nobody = await arrange.partialSession(undefined);
          const states = async () => Promise.all([bound, nobody].map(async (s) => (await s.sessionStatus()).state));
          const before = await states();
          if (before.some((s) => s !== 'unauthenticated'))
            throw arrange.harnessError(`The half-done logins did not leave unauthenticated sessions (session_status: ${before.join(', ')}).`);
          expect((await act.revokeUser(user)).status).toBe(204);
          await probe.expectStatusGone(bound);
          const after = await states();
          expect(after[1], 'a session bound to nobody stays unauthenticated').toBe('unauthenticated');
          verdict.evidence(`session_status after the call: bound to U → ${after[0]}, bound to nobody → ${after[1]}`);
        });
      },
    );

    test('an unknown user gets the same answer as a known one (janssen); 404 (draft)', req('GTR-REV-7'), async ({ profile, arrange, act, verdict }) => {
      const user = await arrange.user();
      const known = await act.revokeUser(user);
      const unknown = await act.revoke({ user: unknownUser() });
      if (profile === 'janssen') {
        expect(unknown.status).toBe(204);
        expect(unknown.body, 'an empty body').toBe('');
        expect({ status: unknown.status, type: unknown.headers['content-type'], body: unknown.body }, 'exactly as for a known user').toEqual({
          status: known.status,
          type: known.headers['content-type'],
          body: known.body,
        });
      } else expect(unknown.status, 'draft §3.4.2: user not found → 404').toBe(404);
      const times = { known: [known.durationMs], unknown: [unknown.durationMs] };
      for (let i = 0; i < 4; i++) {
        times.known.push((await act.revokeUser(user)).durationMs);
        times.unknown.push((await act.revoke({ user: unknownUser() })).durationMs);
      }
      verdict.evidence(
        `median response time: known user ${median(times.known).toFixed(1)} ms, unknown user ${median(times.unknown).toFixed(1)} ms (5 calls each)`,
      );
    });

    test('two users share the value: exactly one loses all sessions and tokens, the other none', req('GTR-REV-8'), async ({ profile, arrange, act, probe }) => {
      test.skip(
        profile !== 'janssen',
        "the draft's subject identifier names one user; users sharing an attribute value are Janssen's dialect (docs/behaviour/draft.md#where-janssen-differs)",
      );
      const [a, b] = await arrange.twins();
      const sessions = [await arrange.loginMany(a, 1), await arrange.loginMany(b, 1)];
      expect((await act.revoke({ key: 'givenName', value: a.givenName })).status).toBe(204);
      const lost = await probe.expectExactlyOneLost(sessions);
      const gone = sessions[lost] ?? [];
      const kept = sessions[1 - lost] ?? [];
      await probe.expectAccessTokensDead(...gone);
      await probe.expectTokensAlive(...kept);
    });
  });
}
