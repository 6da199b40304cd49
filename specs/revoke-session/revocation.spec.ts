import { expect, req, test, uniqueTag } from '../../fixtures/test';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

test.describe('what a successful revocation does', () => {
  test('every session of the user ends: prompt=none → login_required in each browser', req('RS-REV-1'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(2);
    await world.expectAlive(...sessions);
    expect((await world.revokeUser(user)).status).toBe(200);
    await world.expectRevoked(...sessions);
  });

  test('session_status no longer reports authenticated', req('RS-REV-2'), async ({ world }) => {
    test.skip(!world.janssen, 'session_status is Janssen-specific (profile generic)');
    test.skip(!world.target.sessionStatusAvailable, `session_status ${world.target.findings?.sessionStatus.note ?? 'is unavailable'}`);
    const { user, sessions } = await world.userWithSessions(2);
    await world.expectAlive(...sessions);
    expect((await world.revokeUser(user)).status).toBe(200);
    await world.expectStatusGone(...sessions);
  });

  test("another user's sessions are untouched", req('RS-REV-3'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(2);
    const other = await world.userWithSessions(1, { givenName: user.givenName });
    expect((await world.revokeUser(user)).status).toBe(200);
    await world.expectRevoked(...sessions);
    await world.expectAlive(...other.sessions);
  });

  test('the effect is visible within the grace period (delay reported)', req('RS-REV-4'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(1);
    expect((await world.revokeUser(user)).status).toBe(200);
    const delay = await world.expectRevoked(...sessions);
    expect(delay, 'visible within the configured grace period (JANS_GRACE_MS)').toBeLessThanOrEqual(world.graceMs);
  });

  test('the user can log in again afterwards and the new session works', req('RS-REV-5'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(1);
    expect((await world.revokeUser(user)).status).toBe(200);
    await world.expectRevoked(...sessions);
    const again = await world.expectCanLogIn(user);
    await world.expectAlive(again);
  });

  test('revoking a user who has no session → 200', req('RS-REV-6'), async ({ world }) => {
    const user = await world.user();
    expect((await world.revokeUser(user)).status).toBe(200);
  });

  test('repeating the call → 200 (idempotent)', req('RS-REV-7'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(1);
    expect((await world.revokeUser(user)).status).toBe(200);
    expect((await world.revokeUser(user)).status).toBe(200);
    await world.expectRevoked(...sessions);
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

  test('tokens issued inside the revoked session (reported)', req('RS-REV-9'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(1);
    const session = sessions[0]!;
    const userinfo = world.target.discovery.userinfo_endpoint;
    test.skip(typeof userinfo !== 'string' || !session.tokens?.access_token, 'no userinfo endpoint or access token to probe');
    const call = () =>
      world.target.http.request({ method: 'GET', url: userinfo as string, headers: { authorization: `Bearer ${session.tokens?.access_token}`, accept: 'application/json' } });
    expect((await call()).status, 'the access token works before the revocation').toBe(200);
    expect((await world.revokeUser(user)).status).toBe(200);
    const after = await call();
    world.evidence(`access token at userinfo after revocation: ${after.status} (${after.status === 200 ? 'still works; Janssen does not revoke tokens here' : 'revoked'})`);
  });

  test('a criterion on mail selects the user too', req('RS-REV-10'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(1);
    expect((await world.revokeUser(user, 'mail', user.mail)).status).toBe(200);
    await world.expectRevoked(...sessions);
  });
});
