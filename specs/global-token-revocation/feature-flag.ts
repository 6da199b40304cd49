import { describeSwitch, expect, req, requireEffective, test, type EndpointKit } from '../../fixtures/test';
import { refusalsWhileOff } from '../flag-refusals';

/**
 * The GLOBAL_TOKEN_REVOCATION flag checks, run by the flag phase (specs/flag-phase.spec.ts) in the
 * same switches as the other endpoints' flags: `whileOff` after one reload turned every judged flag
 * off, `revokesNothing`, `backOn` and `followsAlone` in the phase's checks of every endpoint.
 */
export const globalTokenRevocationFlagChecks = {
  endpoint: 'global_token_revocation' as const,
  /** Judged in the flag phase's last check, from what the switch off observed. */
  followsAlone: 'GTR-FLAG-6' as const,
  /** Judged in the flag phase's one check of every endpoint, side by side: an authorized call with the flag off revokes nothing. */
  revokesNothing: 'GTR-FLAG-3' as const,
  claim: 'global_token_revocation_endpoint',

  whileOff(): void {
    test(
      'with the flag disabled, discovery omits global_token_revocation_endpoint once rebuilt',
      req('GTR-FLAG-1'),
      async ({ arrange, verdict, endpoint, flagPhase }) => {
        const off = requireEffective(await flagPhase.off(), endpoint.name, (s) => arrange.harnessError(s));
        verdict.evidence(describeSwitch(off, endpoint.name));
        expect(
          off.endpoints[endpoint.name]?.claimMatches,
          'discovery must omit global_token_revocation_endpoint once rebuilt with GLOBAL_TOKEN_REVOCATION disabled',
        ).toBe(true);
      },
    );

    test(
      'with the flag disabled, an authorized POST → 403 access_denied (or 404)',
      req('GTR-FLAG-2'),
      async ({ arrange, act, endpoint, profile, flagPhase }) => {
        const user = await arrange.user();
        requireEffective(await flagPhase.off(), endpoint.name, (s) => arrange.harnessError(s));
        const response = await act.revoke({ user });
        expect([403, 404], 'never 2xx or 5xx with the flag off').toContain(response.status);
        if (profile === 'janssen' && response.status === 403) expect(response.json?.error).toBe('access_denied');
      },
    );

    refusalsWhileOff({ credentials: 'GTR-FLAG-4', errorShape: 'GTR-PROTO-6' });
  },

  /** Judged in the flag phase's one check of every endpoint once the flags are back on. */
  backOn: {
    id: 'GTR-FLAG-5' as const,
    /** Revokes a fresh live victim through the endpoint back on; resolves to the read that proves it took. */
    async revoke({ arrange, act, probe, profile }: EndpointKit): Promise<() => Promise<unknown>> {
      const { user, sessions } = await arrange.liveVictim();
      expect((await act.revokeUser(user)).status).toBe(204);
      return async () => {
        await probe.expectRevoked(...sessions);
        // Under the draft invalidating access tokens is a SHOULD, judged by GTR-TOK-1 (docs/behaviour/draft.md#what-the-draft-asks).
        if (profile === 'janssen') await probe.expectAccessTokensDead(...sessions);
      };
    },
  },
};
