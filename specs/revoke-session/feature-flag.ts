import { describeSwitch, expect, req, requireEffective, test, type EndpointKit } from '../../fixtures/test';
import { refusalsWhileOff } from '../flag-refusals';

/**
 * The REVOKE_SESSION flag checks. They run in the flag phase (specs/flag-phase.spec.ts), which
 * switches every judged endpoint's flag off in one reload, runs each endpoint's `whileOff` checks
 * and one check of every endpoint's `revokesNothing`, switches the flags back on in one reload, runs
 * one check of every endpoint's `backOn`, and last one of every `followsAlone`, which only reads what
 * the switch off saw. The checks of every endpoint wait out the grace period once, side by side.
 */
export const revokeSessionFlagChecks = {
  endpoint: 'revoke_session' as const,
  /** Judged in the flag phase's last check, from what the switch off observed. */
  followsAlone: 'RS-FLAG-6' as const,
  /** Judged in the flag phase's one check of every endpoint, side by side: an authorized call with the flag off revokes nothing. */
  revokesNothing: 'RS-FLAG-3' as const,
  claim: 'session_revocation_endpoint',

  whileOff(): void {
    test(
      'with the flag disabled, discovery omits session_revocation_endpoint once rebuilt',
      req('RS-FLAG-1'),
      async ({ arrange, verdict, endpoint, flagPhase }) => {
        const off = requireEffective(await flagPhase.off(), endpoint.name, (s) => arrange.harnessError(s));
        verdict.evidence(describeSwitch(off, endpoint.name));
        expect(off.endpoints[endpoint.name]?.claimMatches, 'discovery must omit session_revocation_endpoint once rebuilt with REVOKE_SESSION disabled').toBe(
          true,
        );
      },
    );

    test(
      'with the flag disabled, an authorized POST → 403 access_denied (or 404)',
      req('RS-FLAG-2'),
      async ({ arrange, act, endpoint, profile, flagPhase }) => {
        const user = await arrange.user();
        requireEffective(await flagPhase.off(), endpoint.name, (s) => arrange.harnessError(s));
        const response = await act.revoke({ key: 'uid', value: user.uid });
        expect([403, 404], 'never 2xx or 5xx with the flag off').toContain(response.status);
        if (profile === 'janssen' && response.status === 403) expect(response.json?.error).toBe('access_denied');
      },
    );

    refusalsWhileOff({ credentials: 'RS-FLAG-4', errorShape: 'RS-PROTO-5' });
  },

  /** Judged in the flag phase's one check of every endpoint once the flags are back on. */
  backOn: {
    id: 'RS-FLAG-5' as const,
    /** Revokes a fresh victim through the endpoint back on; resolves to the read that proves it took. */
    async revoke({ arrange, act, probe }: EndpointKit): Promise<() => Promise<unknown>> {
      const { user, sessions } = await arrange.userWithSessions(1);
      expect((await act.revokeUser(user)).status).toBe(200);
      return () => probe.expectRevoked(...sessions);
    },
  },
};
