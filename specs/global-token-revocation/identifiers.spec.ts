import { expect, req, test, type SubjectIdentifier } from '../../fixtures/test';

/** Values one step off `value` or carrying filter metacharacters, each built around `around` (a value with only the harness's prefix in it). */
function nearMisses(value: string, around: (near: string) => string = (near) => near): string[] {
  const prefix = value.slice(0, -1);
  const last = value.at(-1) === 'x' ? 'y' : 'x';
  return [`${prefix}*`, `${prefix}*)(uid=${prefix}*`, `${prefix}%`, `${prefix}.*`, `${prefix}${last}`, prefix, `${value}x`].map(around);
}

test.describe('which user an identifier selects', () => {
  test(
    'format is a user attribute: mail, inum and a custom attribute select the user; metacharacters and near-misses select nobody',
    req('GTR-REV-10'),
    async ({ profile, endpoint, arrange, act, probe, verdict }) => {
      arrange.requireHostileValuesSafe();
      // MUST, first (so that this test's first user is the victim a matching fault would pick): filter
      // metacharacters are literal and a near-miss selects nobody; every value stays inside the harness's own prefix.
      const { user, sessions } = await arrange.liveVictim();
      if (profile !== 'janssen') {
        // The draft names a user by an RFC 9493 identifier: the same values, in the run's format.
        const subject = await act.subject(user);
        for (const near of draftNearMisses(subject)) {
          expect((await act.revoke({ subject: near })).status, `${JSON.stringify(near)} must not fail the server`).toBeLessThan(500);
        }
        await probe.expectUntouched(...sessions);
        const upper = await act.revoke({ subject: upperCased(subject) });
        const [after] = await probe.now(sessions);
        verdict.evidence(
          `${subject.format} in upper case → ${upper.status}; the session afterwards: prompt=none → ${after?.promptNone} (case sensitivity is the server's business)`,
        );
        verdict.evidence(`which directory attributes select a user: not probed (the draft names users by RFC 9493 formats; this run by ${subject.format})`);
        return;
      }
      for (const value of nearMisses(user.uid)) {
        expect((await act.revoke({ key: 'uid', value })).status, `uid=${value} must not fail the server`).toBeLessThan(500);
      }
      await probe.expectUntouched(...sessions);
      // INFO: case sensitivity is the directory's business.
      const upper = await act.revoke({ key: 'uid', value: user.uid.toUpperCase() });
      const [after] = await probe.now(sessions);
      verdict.evidence(
        `uid in upper case → ${upper.status}; the session afterwards: prompt=none → ${after?.promptNone} (case sensitivity depends on the directory)`,
      );
      // SHOULD: other attributes than uid select the user, each on a victim of its own: each victim is
      // named right after its login, and all are then watched side by side (one grace period for all).
      const named = [];
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
        named.push({ format, victim, response: await act.revoke({ key: format, value: id }) });
      }
      const selected = await Promise.all(
        named.map(async ({ victim, response }) => response.status === endpoint.success && (await probe.goneWithinGrace(...victim.sessions))),
      );
      for (const [i, { format, response }] of named.entries()) {
        verdict.evidence(`format=${format} → ${response.status}; the user's session ${selected[i] ? 'gone' : 'kept'}`);
        await verdict.should('GTR-REV-10', `format=${format} selects the user`, () => {
          expect(selected[i], `format=${format} did not select the user (${response.status}, sessions ${selected[i] ? 'gone' : 'kept'})`).toBe(true);
        });
      }
    },
  );
});

/** Near-miss identifiers of `subject`: an email's local part as a uid's; a sub, the target's own value, only with something appended. */
function draftNearMisses(subject: SubjectIdentifier): SubjectIdentifier[] {
  if (subject.format === 'email') {
    const at = subject.email.indexOf('@');
    return nearMisses(subject.email.slice(0, at), (local) => `${local}${subject.email.slice(at)}`).map((email) => ({ ...subject, email }));
  }
  const sub = subject.format === 'iss_sub' ? subject.sub : subject.id;
  return [`${sub}*`, `${sub}%`, `${sub}.*`, `${sub}x`].map((value) => (subject.format === 'iss_sub' ? { ...subject, sub: value } : { ...subject, id: value }));
}

function upperCased(subject: SubjectIdentifier): SubjectIdentifier {
  if (subject.format === 'email') return { ...subject, email: subject.email.toUpperCase() };
  return subject.format === 'iss_sub' ? { ...subject, sub: subject.sub.toUpperCase() } : { ...subject, id: subject.id.toUpperCase() };
}
