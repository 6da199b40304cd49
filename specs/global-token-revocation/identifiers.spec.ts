import { expect, req, test } from '../../fixtures/test';

test.describe('which user an identifier selects', () => {
  test(
    'format is a user attribute: mail, inum and a custom attribute select the user; metacharacters and near-misses select nobody',
    req('GTR-REV-10'),
    async ({ world }) => {
      world.requireHostileValuesSafe();
      // MUST, first (so that this test's first user is the victim a matching fault would pick): filter
      // metacharacters are literal and a near-miss selects nobody; every value stays inside the harness's own prefix.
      const { user, sessions } = await world.liveVictim();
      const prefix = user.uid.slice(0, -1);
      const last = user.uid.at(-1) === 'x' ? 'y' : 'x';
      for (const value of [`${prefix}*`, `${prefix}*)(uid=${prefix}*`, `${prefix}%`, `${prefix}.*`, `${prefix}${last}`, prefix, `${user.uid}x`]) {
        expect((await world.revoke({ key: 'uid', value })).status, `uid=${value} must not fail the server`).toBeLessThan(500);
      }
      await world.expectUntouched(...sessions);
      // INFO: case sensitivity is the directory's business.
      const upper = await world.revoke({ key: 'uid', value: user.uid.toUpperCase() });
      const [after] = await world.probe(sessions);
      world.evidence(
        `uid in upper case → ${upper.status}; the session afterwards: prompt=none → ${after?.promptNone} (case sensitivity depends on the directory)`,
      );
      // SHOULD: other attributes than uid select the user (each on a victim of its own).
      for (const [format, idOf] of [
        ['mail', (u: { mail: string }) => u.mail],
        ['inum', (u: { inum?: string }) => u.inum],
        ['sn', (u: { displayName: string; inum?: string }) => (u.inum ? u.displayName : undefined)],
      ] as const) {
        const victim = await world.liveVictim();
        const id = idOf(victim.user);
        if (id === undefined) {
          world.evidence(`format=${format}: not probed (the harness does not know the user's ${format} in static mode)`);
          continue;
        }
        const response = await world.revoke({ key: format, value: id });
        const selected = response.status === world.endpoint.success && (await world.goneWithinGrace(...victim.sessions));
        world.should('GTR-REV-10', selected, `format=${format} did not select the user (${response.status}, sessions ${selected ? 'gone' : 'kept'})`);
        world.evidence(`format=${format} → ${response.status}; the user's session ${selected ? 'gone' : 'kept'}`);
      }
    },
  );
});
