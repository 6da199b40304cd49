import { expect, req, test, uniqueTag } from '../../fixtures/test';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** What a successful revoke_session call does: registered first in the run by specs/effect.spec.ts, which says why. */
export function revokeSessionEffect(): void {
  test.describe('what a successful revocation does', () => {
    /**
     * One arrangement serves several requirements, each judged on its own: U with two sessions (two
     * browsers) and bystander V sharing U's givenName, one call revoking U by uid.
     */
    test(
      "every session of U ends within the grace period, V's are untouched, the call is idempotent, U can log in again",
      req('RS-AUTH-5', 'RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-REV-4', 'RS-REV-5', 'RS-REV-7', 'RS-REV-9'),
      async ({ target, arrange, act, probe, verdict }) => {
        const u = await arrange.userWithSessions(2);
        const v = await arrange.userWithSessions(1, { givenName: u.user.givenName });
        await probe.expectAlive(...u.sessions, ...v.sessions);
        const token = u.sessions[0]?.accessToken;
        const userinfo = target.discovery.userinfo_endpoint;
        const tokenWorks = async () =>
          typeof userinfo === 'string' && token
            ? (await target.http.request({ method: 'GET', url: userinfo, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })).status
            : undefined;
        const tokenBefore = await tokenWorks();
        const response = await act.revoke({ auth: { kind: 'basic', client: await arrange.client('revoker') }, key: 'uid', value: u.user.uid });
        let delay: number | undefined;
        await verdict.judge('RS-AUTH-5', 'client_secret_basic → 200', async () => {
          expect(response.status).toBe(200);
          await probe.expectRevoked(...u.sessions);
        });
        await verdict.judge('RS-REV-1', 'every session of U is gone', async () => {
          delay = await probe.expectRevoked(...u.sessions);
        });
        await verdict.judge('RS-REV-4', 'visible within the grace period', () => {
          const grace = target.config.graceConfigured ? `JANS_GRACE_MS=${target.config.graceMs}` : `${target.config.graceMs} ms, as the preflight measured`;
          expect(delay, `visible within the grace period (${grace})`).toBeDefined();
          expect(delay as number).toBeLessThanOrEqual(target.config.graceMs);
        });
        await verdict.judge('RS-REV-2', 'session_status no longer reports authenticated', () => probe.expectStatusGone(...u.sessions), {
          skip: probe.sessionStatusUnusable,
        });
        await verdict.judge('RS-REV-3', "V's sessions are untouched", () => probe.expectAlive(...v.sessions));
        await verdict.judge('RS-REV-9', 'tokens issued inside the revoked session (reported)', async () => {
          const after = await tokenWorks();
          verdict.evidence(
            after === undefined
              ? 'no userinfo endpoint or access token to probe'
              : `access token at userinfo before ${tokenBefore}, after the revocation ${after} (${after === 200 ? 'still works; Janssen does not revoke tokens here' : 'revoked'})`,
          );
        });
        await verdict.judge('RS-REV-7', 'repeating the call → 200', async () => {
          expect((await act.revokeUser(u.user)).status).toBe(200);
          await probe.expectRevoked(...u.sessions);
        });
        await verdict.judge('RS-REV-5', 'U logs in again and the new session works', async () => {
          await probe.expectAlive(await probe.expectCanLogIn(u.user));
        });
      },
    );

    test('revoking a user who has no session → 200', req('RS-REV-6'), async ({ arrange, act }) => {
      const user = await arrange.user();
      expect((await act.revokeUser(user)).status).toBe(200);
    });

    test('an unknown user gets the same answer as a known one (no enumeration)', req('RS-REV-8'), async ({ arrange, act, verdict }) => {
      const { user } = await arrange.userWithSessions(1);
      const known = await act.revokeUser(user);
      const unknown = await act.revoke({ key: 'uid', value: `rsconf-nobody-${uniqueTag()}` });
      expect(unknown.status).toBe(known.status);
      expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
      expect(unknown.body).toBe(known.body);
      const times = { known: [known.durationMs], unknown: [unknown.durationMs] };
      for (let i = 0; i < 4; i++) {
        times.known.push((await act.revokeUser(user)).durationMs);
        times.unknown.push((await act.revoke({ key: 'uid', value: `rsconf-nobody-${uniqueTag()}` })).durationMs);
      }
      verdict.evidence(
        `median response time: known user ${median(times.known).toFixed(1)} ms, unknown user ${median(times.unknown).toFixed(1)} ms (5 calls each)`,
      );
    });

    test('a criterion on mail selects the user too', req('RS-REV-10'), async ({ arrange, act, probe, verdict }) => {
      await verdict.judge('RS-REV-10', test.info().title, async () => {
        const { user, sessions } = await arrange.userWithSessions(1);
        expect((await act.revokeUser(user, 'mail', user.mail)).status).toBe(200);
        await probe.expectRevoked(...sessions);
      });
    });
  });
}
