import { ensureFlagOff, restoreFlag, runFlags, currentFlags, waitForClaim } from '../../fixtures/flows/flag';
import { req } from '../../fixtures/requirements';
import { test, expect } from '../../fixtures/test';

/**
 * The flag phase changes global target state, so it runs alone after every other spec (the
 * `feature-flag` project). Tests run in order; each establishes the flag state it needs, so a
 * failure in one does not invalidate the next. Global teardown restores featureFlags regardless.
 */
test.describe('the REVOKE_SESSION feature flag', () => {
  test.beforeEach(({ target }) => {
    test.skip(!target.configApi, 'no admin access: cannot switch the feature flag (static mode)');
  });

  test('with the flag disabled, discovery omits session_revocation_endpoint', req('RS-FLAG-1'), async ({ world }) => {
    await ensureFlagOff(world);
    const gone = await waitForClaim(world, false);
    world.evidence(`claim ${gone.ok ? 'gone' : 'still present'} after polling ${gone.elapsedMs} ms (timeout ${world.target.config.flagTimeoutMs} ms)`);
    expect(gone.ok, 'discovery must drop session_revocation_endpoint once REVOKE_SESSION is disabled').toBe(true);
  });

  test('with the flag disabled, an authorized POST → 403 access_denied (or 404)', req('RS-FLAG-2'), async ({ world }) => {
    const user = await world.user();
    const off = await ensureFlagOff(world);
    world.evidence(`endpoint stopped serving after ${off.elapsedMs} ms`);
    const response = await world.revoke({ key: 'uid', value: user.uid });
    expect([403, 404], 'never 2xx or 5xx with the flag off').toContain(response.status);
    if (world.janssen && response.status === 403) expect(response.json?.error).toBe('access_denied');
  });

  test('with the flag disabled, that call revokes nothing', req('RS-FLAG-3'), async ({ world }) => {
    const { user, sessions } = await world.userWithSessions(1);
    await ensureFlagOff(world);
    const response = await world.revoke({ key: 'uid', value: user.uid });
    world.evidence(`authorized call with the flag off → ${response.status}`);
    await world.expectAlive(...sessions);
  });

  test('with the flag disabled, bad client credentials still get 401', req('RS-FLAG-4'), async ({ world }) => {
    const user = await world.user();
    await ensureFlagOff(world);
    const revoker = await world.client('revoker');
    const response = await world.revoke({ auth: { kind: 'basic', client: { ...revoker, clientSecret: 'wrong-secret' } }, key: 'uid', value: user.uid });
    expect(response.status, 'client authentication precedes the flag check').toBe(401);
  });

  test('after re-enabling, the claim and the endpoint come back and featureFlags are as found', req('RS-FLAG-5'), async ({ world }) => {
    await ensureFlagOff(world);
    const back = await restoreFlag(world);
    world.evidence(`claim ${back.claim ? 'back' : 'missing'}, endpoint ${back.endpoint ? 'serving' : 'not serving'} after ${back.elapsedMs} ms`);
    expect(back.claim, 'session_revocation_endpoint must be advertised again').toBe(true);
    expect(back.endpoint, 'the endpoint must serve again').toBe(true);
    expect(await currentFlags(world)).toEqual(runFlags());
    const { user, sessions } = await world.userWithSessions(1);
    expect((await world.revokeUser(user)).status).toBe(200);
    await world.expectRevoked(...sessions);
  });
});
