import { expect, req, test } from '../../fixtures/test';

test.describe('which user is selected', () => {
  test('two users share the value: exactly one loses all sessions, the other none', req('RS-MATCH-1'), async ({ arrange, act, probe }) => {
    const [a, b] = await arrange.twins();
    const sessions = [await arrange.loginMany(a, 1), await arrange.loginMany(b, 1)];
    expect((await act.revoke({ key: 'givenName', value: a.givenName })).status).toBe(200);
    await probe.expectExactlyOneLost(sessions);
  });

  test('filter metacharacters are literal; nothing revoked', req('RS-MATCH-2'), async ({ arrange, act, probe }) => {
    arrange.requireHostileValuesSafe();
    const { user, sessions } = await arrange.userWithSessions(1);
    // Every value stays inside the harness's own prefix, so even a vulnerable server could only match harness users.
    const prefix = user.uid.slice(0, -1);
    const values = [`${prefix}*`, `${prefix}*)(uid=${prefix}*`, `${prefix}%`, `${prefix}_`, `${prefix}'`, `${prefix}.*`];
    for (const value of values) {
      const response = await act.revoke({ key: 'uid', value });
      expect(response.status, `uid=${value} must not fail the server`).toBeLessThan(500);
    }
    await probe.expectAlive(...sessions);
  });

  test('a near-miss value revokes nothing', req('RS-MATCH-3'), async ({ arrange, act, probe }) => {
    arrange.requireHostileValuesSafe();
    const { user, sessions } = await arrange.userWithSessions(1);
    const last = user.uid.at(-1) === 'x' ? 'y' : 'x';
    for (const value of [`${user.uid.slice(0, -1)}${last}`, user.uid.slice(0, -1), `${user.uid}x`]) {
      expect((await act.revoke({ key: 'uid', value })).status).toBeLessThan(500);
    }
    await probe.expectAlive(...sessions);
  });
});
