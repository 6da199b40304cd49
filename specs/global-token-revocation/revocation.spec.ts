import { expect, req, test, uniqueTag } from '../../fixtures/test';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

test.describe('what a successful call does', () => {
  /**
   * One arrangement serves several requirements, each judged on its own: U logged in at two clients
   * (two browsers, two access and refresh tokens), bystander V at the same clients.
   */
  test(
    "U's sessions and tokens at both clients end within the grace period; bystander V keeps everything; U can log in again",
    req('GTR-AUTH-5', 'GTR-REV-1', 'GTR-REV-2', 'GTR-REV-4', 'GTR-REV-5', 'GTR-REV-6', 'GTR-REV-9', 'GTR-TOK-1', 'GTR-TOK-2', 'GTR-TOK-3', 'GTR-TOK-4'),
    async ({ world }) => {
      const u = await world.liveVictim(['login', 'login-b']);
      const v = await world.liveVictim(['login', 'login-b']);
      await world.expectUntouched(...u.sessions);
      const code = await u.sessions[0]?.codeForLater();
      if (!code) throw world.harnessError('prompt=none in a live session issued no authorization code to keep for later.');
      const response = await world.revoke({ auth: { kind: 'basic', client: await world.client('revoker') }, key: 'uid', value: u.user.uid });
      const started = Date.now();
      await world.judge('GTR-AUTH-5', 'client_secret_basic → 204 with an empty body', async () => {
        expect(response.status).toBe(204);
        expect(response.body, 'the 204 has an empty body').toBe('');
        return Promise.resolve();
      });
      const sessionsGone = await world.judge('GTR-REV-1', 'every session of U is gone', async () => {
        await world.expectRevoked(...u.sessions);
      });
      if (!world.janssen) world.notApplicable('GTR-REV-2', 'session_status is Janssen-specific (profile draft)');
      else if (!world.target.sessionStatusAvailable)
        world.notApplicable('GTR-REV-2', `session_status ${world.target.findings?.sessionStatus.note ?? 'is unavailable'}`);
      else {
        await world.judge('GTR-REV-2', 'session_status reports unknown', async () => {
          await world.expectStatusGone(...u.sessions);
        });
      }
      const accessDead = await world.judge('GTR-TOK-1', 'every access token of U is rejected at userinfo', async () => {
        await world.expectAccessTokensDead(...u.sessions);
      });
      const refreshing = u.sessions.filter((s) => s.refreshToken);
      let refreshDead = true;
      if (refreshing.length === 0)
        world.notApplicable('GTR-TOK-2', 'static mode: the login clients in JANS_TARGET_FILE are not registered for refresh tokens (refresh_tokens: true)');
      else {
        refreshDead = await world.judge('GTR-TOK-2', 'every refresh token of U is dead', async () => {
          await world.expectRefreshTokensDead(...refreshing);
        });
      }
      if (typeof world.target.discovery.introspection_endpoint !== 'string')
        world.notApplicable('GTR-TOK-3', 'the target advertises no introspection_endpoint');
      else {
        await world.judge('GTR-TOK-3', 'introspection answers active:false', async () => {
          await world.expectIntrospectedInactive(...u.sessions);
        });
      }
      await world.judge('GTR-REV-5', 'the effect is visible within the grace period', () => {
        world.evidence(`sessions, access tokens and refresh tokens judged ${Date.now() - started} ms after the call (grace ${world.graceMs} ms)`);
        expect(
          { sessions: sessionsGone, accessTokens: accessDead, refreshTokens: refreshDead },
          `the effect of GTR-REV-1, GTR-TOK-1 and GTR-TOK-2 must be visible within the grace period (${world.graceMs} ms)`,
        ).toEqual({
          sessions: true,
          accessTokens: true,
          refreshTokens: true,
        });
        return Promise.resolve();
      });
      await world.judge('GTR-TOK-4', 'a code issued before the call, redeemed after it (reported)', async () => {
        const redeemed = await code.redeem();
        world.evidence(
          `a code issued before the call, redeemed after it: ${redeemed.status === 200 ? 'still yields tokens (Janssen keeps codes in its cache only)' : `refused (${redeemed.status}${redeemed.error ? ` ${redeemed.error}` : ''})`}`,
        );
        if (!world.janssen) expect(redeemed.status, 'draft §3.3: the user must re-authenticate before new tokens are issued').not.toBe(200);
      });
      await world.judge('GTR-REV-4', 'bystander V keeps sessions and tokens', async () => {
        await world.expectUntouched(...v.sessions);
      });
      await world.judge('GTR-REV-9', 'repeating the call → 204; a user without session or token → 204', async () => {
        expect((await world.revokeUser(u.user)).status, 'the same call again').toBe(204);
        expect((await world.revokeUser(await world.user())).status, 'a user who never logged in').toBe(204);
      });
      await world.judge('GTR-REV-6', 'U logs in again and the new session and tokens work', async () => {
        await world.expectUntouched(await world.expectCanLogIn(u.user));
      });
    },
  );

  test('a session bound to U but not yet authenticated goes; one bound to nobody stays', req('GTR-REV-3'), async ({ world }) => {
    test.skip(!world.target.config.multiStepAcr, 'no multi-step ACR configured (JANS_MULTI_STEP_ACR): a user-bound, unauthenticated session cannot be made');
    test.skip(!world.target.sessionStatusAvailable, `session_status ${world.target.findings?.sessionStatus.note ?? 'is unavailable'}`);
    const user = await world.user();
    const bound = await world.partialSession(user);
    const nobody = await world.partialSession(undefined);
    const states = async () => Promise.all([bound, nobody].map(async (s) => (await s.sessionStatus()).state));
    const before = await states();
    if (before.some((s) => s !== 'unauthenticated'))
      throw world.harnessError(`The half-done logins did not leave unauthenticated sessions (session_status: ${before.join(', ')}).`);
    expect((await world.revokeUser(user)).status).toBe(204);
    await world.expectStatusGone(bound);
    const after = await states();
    expect(after[1], 'a session bound to nobody stays unauthenticated').toBe('unauthenticated');
    world.evidence(`session_status after the call: bound to U → ${after[0]}, bound to nobody → ${after[1]}`);
  });

  test('an unknown user gets the same answer as a known one (janssen); 404 (draft)', req('GTR-REV-7'), async ({ world }) => {
    const user = await world.user();
    const known = await world.revokeUser(user);
    const unknown = await world.revoke({ key: 'uid', value: `rsconf-nobody-${uniqueTag()}` });
    if (world.janssen) {
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
      times.known.push((await world.revokeUser(user)).durationMs);
      times.unknown.push((await world.revoke({ key: 'uid', value: `rsconf-nobody-${uniqueTag()}` })).durationMs);
    }
    world.evidence(`median response time: known user ${median(times.known).toFixed(1)} ms, unknown user ${median(times.unknown).toFixed(1)} ms (5 calls each)`);
  });

  test('two users share the value: exactly one loses all sessions and tokens, the other none', req('GTR-REV-8'), async ({ world }) => {
    const [a, b] = await world.twins();
    const sessions = [await world.loginMany(a, 1), await world.loginMany(b, 1)];
    expect((await world.revoke({ key: 'givenName', value: a.givenName })).status).toBe(204);
    const lost = await world.expectExactlyOneLost(sessions);
    const gone = sessions[lost] ?? [];
    const kept = sessions[1 - lost] ?? [];
    await world.expectAccessTokensDead(...gone);
    await world.expectTokensAlive(...kept);
  });
});
