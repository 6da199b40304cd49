import { expect, refusedSideBySide, req, test } from '../../fixtures/test';

test.describe('which user is selected', () => {
  test('two users share the value: exactly one loses all sessions, the other none', req('RS-MATCH-1'), async ({ arrange, act, probe }) => {
    const [a, b] = await arrange.twins();
    const sessions = [await arrange.loginMany(a, 1), await arrange.loginMany(b, 1)];
    expect((await act.revoke({ key: 'givenName', value: a.givenName })).status).toBe(200);
    await probe.expectExactlyOneLost(sessions);
  });

  /** Both side by side: each on a victim of its own, one wait of the grace period for both (refusedSideBySide). */
  test(
    'filter metacharacters are literal and a near-miss value selects nobody: nothing revoked',
    req('RS-MATCH-2', 'RS-MATCH-3'),
    async ({ arrange, act, probe, verdict }) => {
      arrange.requireHostileValuesSafe();
      await refusedSideBySide(
        verdict,
        () => arrange.userWithSessions(1),
        (...sessions) => probe.expectAlive(...sessions),
        [
          {
            id: 'RS-MATCH-2',
            title: 'filter metacharacters are literal',
            refuse: async ({ user }) => {
              // Every value stays inside the harness's own prefix, so even a vulnerable server could only match harness users.
              const prefix = user.uid.slice(0, -1);
              for (const value of [`${prefix}*`, `${prefix}*)(uid=${prefix}*`, `${prefix}%`, `${prefix}_`, `${prefix}'`, `${prefix}.*`]) {
                expect((await act.revoke({ key: 'uid', value })).status, `uid=${value} must not fail the server`).toBeLessThan(500);
              }
            },
          },
          {
            id: 'RS-MATCH-3',
            title: 'a near-miss value selects nobody',
            refuse: async ({ user }) => {
              const last = user.uid.at(-1) === 'x' ? 'y' : 'x';
              for (const value of [`${user.uid.slice(0, -1)}${last}`, user.uid.slice(0, -1), `${user.uid}x`]) {
                expect((await act.revoke({ key: 'uid', value })).status).toBeLessThan(500);
              }
            },
          },
        ],
      );
    },
  );
});
