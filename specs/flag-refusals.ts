import { expect, req, requireEffective, test, unknownUser, type RequirementId } from '../fixtures/test';

/**
 * The refusals every endpoint owes with its flag off, the same checks for each (registered by the
 * endpoint's flag checks, inside the flag phase): client authentication still comes first, and the
 * 403 is an OAuth error object.
 */
export function refusalsWhileOff(ids: { credentials: RequirementId; errorShape: RequirementId }): void {
  test('with the flag disabled, bad client credentials still get 401', req(ids.credentials), async ({ arrange, act, endpoint, flagPhase, verdict }) => {
    await verdict.judge(ids.credentials, test.info().title, async () => {
      const user = await arrange.user();
      requireEffective(await flagPhase.off(), endpoint.name, (s) => arrange.harnessError(s));
      const revoker = await arrange.client('revoker');
      const response = await act.revoke({ auth: { kind: 'basic', client: { ...revoker, clientSecret: 'wrong-secret' } }, user });
      expect(response.status, 'client authentication precedes the flag check').toBe(401);
    });
  });

  test(
    "with the flag disabled, the endpoint's 403 is a JSON object with a string error",
    req(ids.errorShape),
    async ({ arrange, act, endpoint, profile, flagPhase, verdict }) => {
      await verdict.judge(ids.errorShape, test.info().title, async () => {
        test.skip(profile === 'draft', 'the draft defines no error bodies (docs/behaviour/draft.md#what-the-draft-asks)');
        requireEffective(await flagPhase.off(), endpoint.name, (s) => arrange.harnessError(s));
        const response = await act.revoke({ user: unknownUser() });
        test.skip(response.status !== 403, `the disabled endpoint answered ${response.status}, not an OAuth error`);
        expect(response.headers['content-type'], '403 must be served as JSON').toMatch(/^application\/json/i);
        expect(typeof response.json?.error, `403 body must be a JSON object with a string error: ${response.body.slice(0, 80)}`).toBe('string');
      });
    },
  );
}
