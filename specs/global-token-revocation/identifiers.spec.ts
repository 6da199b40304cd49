import { expect, req, test } from '../../fixtures/test';

test.describe('which user an identifier selects', () => {
  test(
    'format is a user attribute: mail, inum and a custom attribute select the user; metacharacters and near-misses select nobody',
    req('GTR-REV-10'),
    async ({ endpoint, arrange, act, probe, verdict }) => {
      arrange.requireHostileValuesSafe();
      // MUST, first (so that this test's first user is the victim a matching fault would pick): filter
      // metacharacters are literal and a near-miss selects nobody; every value stays inside the harness's own prefix.
      const { user, sessions } = await arrange.liveVictim();
      const prefix = user.uid.slice(0, -1);
      const last = user.uid.at(-1) === 'x' ? 'y' : 'x';
      for (const value of [`${prefix}*`, `${prefix}*)(uid=${prefix}*`, `${prefix}%`, `${prefix}.*`, `${prefix}${last}`, prefix, `${user.uid}x`]) {
        expect((await act.revoke({ key: 'uid', value })).status, `uid=${value} must not fail the server`).toBeLessThan(500);
      }
      await probe.expectUntouched(...sessions);
      // INFO: case sensitivity is the directory's business.
      const upper = await act.revoke({ key: 'uid', value: user.uid.toUpperCase() });
      const [after] = await probe.now(sessions);
      verdict.evidence(
        `uid in upper case → ${upper.status}; the session afterwards: prompt=none → ${after?.promptNone} (case sensitivity depends on the directory)`,
      );
      // SHOULD: other attributes than uid select the user (each on a victim of its own).
      for (const [format, idOf] of [
        ['mail', (u: { mail: string }) => u.mail],
        ['inum', (u: { inum?: string }) => u.inum],
        ['sn', (u: { displayName: string; inum?: string }) => (u.inum ? u.displayName : undefined)],
      ] as const) {
        const victim = await arrange.liveVictim();
        const id = idOf(victim.user);
        if (id === undefined) {
          verdict.evidence(`format=${format}: not probed (the harness does not know the user's ${format} in static mode)`);
          continue;
        }
        const response = await act.revoke({ key: format, value: id });
        const selected = response.status === endpoint.success && (await probe.goneWithinGrace(...victim.sessions));
        verdict.evidence(`format=${format} → ${response.status}; the user's session ${selected ? 'gone' : 'kept'}`);
        await verdict.should('GTR-REV-10', `format=${format} selects the user`, () => {
          expect(selected, `format=${format} did not select the user (${response.status}, sessions ${selected ? 'gone' : 'kept'})`).toBe(true);
        });
      }
    },
  );
});
