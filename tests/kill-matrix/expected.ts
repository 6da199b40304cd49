import type { RequirementId } from '../../fixtures/catalogue';
import type { FaultName } from '../../fixtures/reference-op/faults';

/**
 * Which requirements each fault of the reference OP must make fail (FAIL for a MUST, WARNING for a
 * SHOULD): reviewed data. Found with `node --import tsx tests/kill-matrix/discover.ts` and checked
 * against what each fault breaks; `npm test` proves every line on a real run. Faults that break a
 * path every check goes through (the advertised URL, the discovery issuer that id_tokens must
 * match, client_secret_basic) fail many requirements at once, as they would for a real client.
 */
export const EXPECTED_KILLS: Record<FaultName, readonly RequirementId[]> = {
  'discovery-claim-missing': ['RS-DISC-2', 'RS-DISC-4', 'RS-FLAG-5'],
  'discovery-claim-wrong-path': ['RS-DISC-4', 'RS-AUTH-1', 'RS-AUTH-2', 'RS-AUTH-3', 'RS-AUTH-4', 'RS-AUTH-5', 'RS-AUTH-6', 'RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-REV-4', 'RS-REV-5', 'RS-REV-6', 'RS-REV-7', 'RS-REV-10', 'RS-MATCH-1', 'RS-FLAG-4', 'RS-PROTO-2', 'RS-PROTO-5'],
  'discovery-claim-relative': ['RS-DISC-1', 'RS-DISC-2', 'RS-DISC-3', 'RS-DISC-4'],
  'disc-issuer-mismatch': ['RS-DISC-1', 'RS-AUTH-1', 'RS-AUTH-2', 'RS-AUTH-3', 'RS-AUTH-4', 'RS-AUTH-5', 'RS-AUTH-6', 'RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-REV-4', 'RS-REV-5', 'RS-REV-7', 'RS-REV-8', 'RS-REV-10', 'RS-MATCH-1', 'RS-MATCH-2', 'RS-MATCH-3', 'RS-FLAG-3', 'RS-FLAG-5', 'RS-PROTO-1', 'RS-PROTO-2', 'RS-PROTO-3', 'RS-PROTO-4'],
  'client-auth-skipped': ['RS-DISC-4', 'RS-AUTH-1', 'RS-PROTO-5'],
  'no-www-authenticate': ['RS-AUTH-1'],
  'wrong-secret-accepted': ['RS-AUTH-2', 'RS-FLAG-4', 'RS-PROTO-5'],
  'unknown-client-accepted': ['RS-AUTH-3'],
  'scope-check-skipped': ['RS-AUTH-4', 'RS-PROTO-5'],
  'basic-auth-broken': ['RS-AUTH-4', 'RS-AUTH-5', 'RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-REV-4', 'RS-REV-5', 'RS-REV-6', 'RS-REV-7', 'RS-REV-10', 'RS-MATCH-1', 'RS-FLAG-2', 'RS-FLAG-5', 'RS-PROTO-2'],
  'revoke-noop': ['RS-AUTH-6', 'RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-REV-4', 'RS-REV-5', 'RS-REV-7', 'RS-REV-10', 'RS-MATCH-1', 'RS-FLAG-5'],
  'revoke-newest-session-only': ['RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-MATCH-1'],
  'revoke-other-user-too': ['RS-REV-3', 'RS-MATCH-1'],
  'revocation-delayed': ['RS-AUTH-6', 'RS-REV-1', 'RS-REV-2', 'RS-REV-3', 'RS-REV-4', 'RS-REV-5', 'RS-REV-7', 'RS-REV-10', 'RS-MATCH-1', 'RS-FLAG-5'],
  'session-status-stale': ['RS-REV-2'],
  'user-locked-out': ['RS-REV-5'],
  'no-session-500': ['RS-REV-6', 'RS-REV-7'],
  'idempotency-broken': ['RS-REV-7'],
  'unknown-user-404': ['RS-REV-8', 'RS-FLAG-5', 'RS-PROTO-2'],
  'revoke-all-matching-users': ['RS-MATCH-1'],
  'wildcard-criterion': ['RS-MATCH-2'],
  'prefix-match': ['RS-MATCH-3', 'RS-PROTO-2'],
  'flag-ignored': ['RS-FLAG-2', 'RS-FLAG-3'],
  'flag-off-claim-kept': ['RS-FLAG-1'],
  'flag-off-200-noop': ['RS-FLAG-2'],
  'flag-off-500': ['RS-FLAG-2'],
  'flag-sticky-off': ['RS-FLAG-5'],
  'flag-before-auth': ['RS-FLAG-4'],
  'get-accepted': ['RS-PROTO-1'],
  'blank-params-500': ['RS-PROTO-2', 'RS-PROTO-4'],
  'oversized-500': ['RS-PROTO-3'],
  'json-body-500': ['RS-PROTO-4'],
  'error-not-json': ['RS-PROTO-5'],
  'endpoint-removed': ['RS-DISC-2', 'RS-DISC-4'],
};
