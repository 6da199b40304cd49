import { describeSwitch, expect, req, requireEffective, test } from '../../fixtures/test';
import { refusalsWhileOff } from '../flag-refusals';

/**
 * The REVOKE_SESSION flag checks. They run in the flag phase (specs/flag-phase.spec.ts), which
 * switches every judged endpoint's flag off in one reload, runs each endpoint's `whileOff` checks,
 * switches the flags back on in one reload, runs each endpoint's `afterOn` checks, and last the
 * `observed` ones, which only read what the switches saw.
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

  afterOn(): void {
    test(
      'after re-enabling, the claim and the endpoint come back and the values are as the run had them',
      req('RS-FLAG-5'),
      async ({ arrange, act, probe, verdict, endpoint, flagPhase }) => {
        const on = await flagPhase.on();
        verdict.evidence(describeSwitch(on, endpoint.name));
        expect(on.endpoints[endpoint.name]?.followedMs, `the endpoint must serve again within ${on.timeoutMs} ms of re-enabling`).toBeDefined();
        expect(on.endpoints[endpoint.name]?.claimMatches, 'session_revocation_endpoint must be advertised again').toBe(true);
        expect(await flagPhase.current(), 'featureFlags and discoveryCacheLifetimeInMinutes end exactly as the run had them').toEqual(flagPhase.runValues);
        verdict.evidence(`featureFlags and discoveryCacheLifetimeInMinutes as the run had them (global teardown restores them as found)`);
        const { user, sessions } = await arrange.userWithSessions(1);
        expect((await act.revokeUser(user)).status).toBe(200);
        await probe.expectRevoked(...sessions);
      },
    );
  },
};
