import { MARKUP_PAYLOAD } from '../../../fixtures/reference-op/hostile/markup';
import { writeRunInfo } from '../../../fixtures/run-info';

/**
 * What a real global setup hands over; SAMPLE_STOPPED=fail|incomplete plays a run its preflight
 * stopped; SAMPLE_MARKUP=1 puts a hostile target's text into the preflight's notes.
 */
export default function globalSetup(): void {
  const stopped = process.env.SAMPLE_STOPPED;
  const quoted = process.env.SAMPLE_MARKUP === '1' ? MARKUP_PAYLOAD : '';
  writeRunInfo({
    issuer: 'https://op.sample.test/jans-auth',
    discoverySha256: 'a'.repeat(64),
    profile: 'janssen',
    gtrProfile: 'janssen',
    mode: 'static',
    harnessVersion: '0.0.0-sample',
    catalogueVersion: '2',
    startedAt: new Date().toISOString(),
    ...(stopped === 'fail' || stopped === 'incomplete'
      ? { stopped: { kind: stopped, sentence: process.env.SAMPLE_STOPPED_SENTENCE ?? 'the sample run stopped' } }
      : {
          preflight: {
            sessionStatus: { available: true, note: 'available: a fresh session reports authenticated' },
            logins: 'a login through the login page works: code, tokens, a live session',
            flagSwitch: { possible: false, note: 'static mode cannot switch feature flags (no admin access)' },
            endpoints: [
              {
                name: 'revoke_session',
                provided: true,
                url: 'https://op.sample.test/jans-auth/restv1/revoke_session',
                advertised: true,
                note: `advertised; POST with valid client credentials → 401${quoted}`,
                judged: true,
              },
              {
                name: 'global_token_revocation',
                provided: false,
                url: 'https://op.sample.test/jans-auth/restv1/global-token-revocation',
                advertised: false,
                note: 'not provided: no global_token_revocation_endpoint in discovery and POST /jans-auth/restv1/global-token-revocation with valid client credentials → 404',
                judged: false,
              },
            ],
            durationMs: 5,
          },
        }),
  });
}
