import { expect, req, test, uniqueTag } from '../../fixtures/test';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

test.describe('what a successful revocation does', () => {
  /**
   * One arrangement serves several requirements, each judged on its own: U with two sessions (two
   * browsers) and bystander V sharing U's givenName, one call revoking U by uid.
   */
  test(
    "every session of U ends within the grace period, V's are untouched, the call is idempotent, U can log in again",
    req('RS-AUTH-5', 'RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-REV-4', 'RS-REV-5', 'RS-REV-7', 'RS-REV-9'),
    async ({ world }) => {
      const u = await world.userWithSessions(2);
      const v = await world.userWithSessions(1, { givenName: u.user.givenName });
      await world.expectAlive(...u.sessions, ...v.sessions);
      const token = u.sessions[0]?.accessToken;
      const userinfo = world.target.discovery.userinfo_endpoint;
      const tokenWorks = async () =>
        typeof userinfo === 'string' && token
          ? (await world.target.http.request({ method: 'GET', url: userinfo, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }))
              .status
          : undefined;
      const tokenBefore = await tokenWorks();
      const response = await world.revoke({ auth: { kind: 'basic', client: await world.client('revoker') }, key: 'uid', value: u.user.uid });
      let delay: number | undefined;
      await world.judge('RS-AUTH-5', 'client_secret_basic → 200', async () => {
        expect(response.status).toBe(200);
        await world.expectRevoked(...u.sessions);
      });
      await world.judge('RS-REV-1', 'every session of U is gone', async () => {
        delay = await world.expectRevoked(...u.sessions);
      });
      await world.judge('RS-REV-4', 'visible within the grace period', () => {
        expect(delay, `visible within the configured grace period (JANS_GRACE_MS=${world.graceMs})`).toBeDefined();
        expect(delay as number).toBeLessThanOrEqual(world.graceMs);
        return Promise.resolve();
      });
      if (!world.janssen) world.notApplicable('RS-REV-2', 'session_status is Janssen-specific (profile generic)');
      else if (!world.target.sessionStatusAvailable)
        world.notApplicable('RS-REV-2', `session_status ${world.target.findings?.sessionStatus.note ?? 'is unavailable'}`);
      else {
        await world.judge('RS-REV-2', 'session_status no longer reports authenticated', async () => {
          await world.expectStatusGone(...u.sessions);
        });
      }
      await world.judge('RS-REV-3', "V's sessions are untouched", async () => {
        await world.expectAlive(...v.sessions);
      });
      await world.judge('RS-REV-9', 'tokens issued inside the revoked session (reported)', async () => {
        const after = await tokenWorks();
        world.evidence(
          after === undefined
            ? 'no userinfo endpoint or access token to probe'
            : `access token at userinfo before ${tokenBefore}, after the revocation ${after} (${after === 200 ? 'still works; Janssen does not revoke tokens here' : 'revoked'})`,
        );
        return Promise.resolve();
      });
      await world.judge('RS-REV-7', 'repeating the call → 200', async () => {
        expect((await world.revokeUser(u.user)).status).toBe(200);
        await world.expectRevoked(...u.sessions);
      });
      await world.judge('RS-REV-5', 'U logs in again and the new session works', async () => {
        await world.expectAlive(await world.expectCanLogIn(u.user));
      });
    },
  );

  test('revoking a user who has no session → 200', req('RS-REV-6'), async ({ world }) => {
    const user = await world.user();
    expect((await world.revokeUser(user)).status).toBe(200);
  });

  test('an unknown user gets the same answer as a known one (no enumeration)', req('RS-REV-8'), async ({ world }) => {
    const { user } = await world.userWithSessions(1);
    const known = await world.revokeUser(user);
    const unknown = await world.revoke({ key: 'uid', value: `rsconf-nobody-${uniqueTag()}` });
    expect(unknown.status).toBe(known.status);
    expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
    expect(unknown.body).toBe(known.body);
    const times = { known: [known.durationMs], unknown: [unknown.durationMs] };
    for (let i = 0; i < 4; i++) {
      times.known.push((await world.revokeUser(user)).durationMs);
      times.unknown.push((await world.revoke({ key: 'uid', value: `rsconf-nobody-${uniqueTag()}` })).durationMs);
    }
    world.evidence(`median response time: known user ${median(times.known).toFixed(1)} ms, unknown user ${median(times.unknown).toFixed(1)} ms (5 calls each)`);
  });

  test('a criterion on mail selects the user too', req('RS-REV-10'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(1);
    expect((await world.revokeUser(user, 'mail', user.mail)).status).toBe(200);
    await world.expectRevoked(...sessions);
  });
});
