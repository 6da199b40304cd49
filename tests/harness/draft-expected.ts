import type { RequirementId } from '../../fixtures/catalogue';
import type { DraftFaultName } from '../../fixtures/reference-op/faults';

/**
 * What the draft profile must find (reviewed data, proven by draft-faults.spec.ts and
 * draft-profile.spec.ts): which requirements each fault of the reference OP's draft mode makes fail,
 * and which the two profiles fail when each meets the other's server — exactly the rows of
 * docs/behaviour/draft.md#where-janssen-differs, nothing else.
 */

/** The harness's settings for the draft fault runs: Okta's Universal Logout JWT reaches every JWT check of the OP, its typ included. */
export const DRAFT_FAULT_RUN: Record<string, string> = {
  JANS_EMBEDDED_GTR_PROFILE: 'draft',
  JANS_GTR_PROFILE: 'draft',
  JANS_GTR_CLIENT_AUTH: 'global-token-revocation+jwt',
};

/** Requirements each draft fault turns FAIL (a MUST) or WARNING (a SHOULD) against the healthy draft run. */
export const DRAFT_EXPECTED_KILLS: Record<DraftFaultName, readonly RequirementId[]> = {
  // MUST revoke refresh tokens (draft §3.3).
  'draft-keeps-refresh-tokens': ['GTR-REV-5', 'GTR-TOK-2'],
  // SHOULD invalidate access tokens: warnings only.
  'draft-keeps-access-tokens': ['GTR-TOK-1', 'GTR-TOK-3'],
  // MUST re-authenticate: prompt=none still issues codes (GTR-AUTH-6 is a SHOULD: a warning).
  'draft-keeps-sessions': ['GTR-AUTH-6', 'GTR-REV-1', 'GTR-REV-5', 'GTR-FLAG-5', 'GTR-PROTO-5'],
  'draft-codes-survive': ['GTR-TOK-4'],
  'draft-no-authorization-check': ['GTR-AUTH-4'],
  'draft-unknown-user-204': ['GTR-REV-7'],
  'draft-unsupported-format-accepted': ['GTR-PROTO-5'],
  // A wrong credential is invalid authentication (RFC 7523 §3; docs/behaviour/draft.md#client-authentication-jwts).
  'draft-jwt-audience-unchecked': ['GTR-AUTH-2'],
  'draft-jwt-replay-accepted': ['GTR-AUTH-2'],
  'draft-jwt-expiry-unchecked': ['GTR-AUTH-2'],
  'draft-jwt-typ-unchecked': ['GTR-AUTH-2'],
};

/** Planning hint (speed only, tests/kill-matrix/plan.ts): faults that let through a request the healthy draft OP refuses. */
export const DRAFT_GATES: readonly DraftFaultName[] = [
  'draft-no-authorization-check',
  'draft-jwt-audience-unchecked',
  'draft-jwt-replay-accepted',
  'draft-jwt-expiry-unchecked',
  'draft-jwt-typ-unchecked',
];

/** The rows of docs/behaviour/draft.md#where-janssen-differs, as the expectations below name them. */
const ROW = {
  unknownUser: 'unknown user: Janssen 204, the draft 404',
  scope: 'client without the scope: Janssen 401 invalid_request, the draft 403',
  subId: "sub_id: Janssen's {format: <attribute>, id} and the draft's RFC 9493 identifiers are refused by each other (400), or name nobody",
  empty: '{} or no sub_id: Janssen 500, the draft 400',
  contentType: 'wrong Content-Type: Janssen 415, the draft leaves it open (400)',
  codes: 'codes not yet redeemed: Janssen lets them be exchanged, the draft makes the user re-authenticate',
  errors: 'error answers: Janssen a JSON OAuth error (and its WWW-Authenticate), the draft no body',
} as const;

export interface Predicted {
  verdict: 'FAIL' | 'WARNING';
  row: string;
}

/** Against either server both profiles warn about the reference OP's cached discovery, as a stock Janssen does (RS-FLAG-6 likewise). */
export const CACHED_DISCOVERY: Partial<Record<RequirementId, Predicted>> = {
  'GTR-FLAG-6': { verdict: 'WARNING', row: "the reference OP's Janssen discovery cache, not a difference" },
};

/** Janssen's profile judging a draft server (reference OP, gtrProfile draft): every GTR requirement not listed passes, is INFO or SKIPPED. */
export const JANSSEN_AGAINST_DRAFT: Partial<Record<RequirementId, Predicted>> = {
  ...CACHED_DISCOVERY,
  'GTR-AUTH-1': { verdict: 'FAIL', row: ROW.errors },
  'GTR-AUTH-2': { verdict: 'FAIL', row: ROW.errors },
  'GTR-AUTH-3': { verdict: 'FAIL', row: ROW.errors },
  'GTR-AUTH-4': { verdict: 'FAIL', row: ROW.scope },
  'GTR-AUTH-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-AUTH-6': { verdict: 'WARNING', row: ROW.subId },
  'GTR-REV-1': { verdict: 'FAIL', row: ROW.subId },
  'GTR-REV-2': { verdict: 'FAIL', row: ROW.subId },
  'GTR-REV-3': { verdict: 'WARNING', row: ROW.subId },
  'GTR-REV-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-REV-7': { verdict: 'FAIL', row: ROW.unknownUser },
  'GTR-REV-8': { verdict: 'FAIL', row: ROW.subId },
  'GTR-REV-9': { verdict: 'FAIL', row: ROW.subId },
  'GTR-REV-10': { verdict: 'WARNING', row: ROW.subId },
  'GTR-TOK-1': { verdict: 'FAIL', row: ROW.subId },
  'GTR-TOK-2': { verdict: 'FAIL', row: ROW.subId },
  'GTR-TOK-3': { verdict: 'WARNING', row: ROW.subId },
  'GTR-FLAG-2': { verdict: 'FAIL', row: ROW.errors },
  'GTR-FLAG-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-PROTO-2': { verdict: 'FAIL', row: ROW.contentType },
  'GTR-PROTO-3': { verdict: 'FAIL', row: ROW.errors },
  'GTR-PROTO-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-PROTO-6': { verdict: 'WARNING', row: ROW.errors },
};

/** The draft profile judging a Janssen server (the default reference OP): every GTR requirement not listed passes, is INFO or SKIPPED. */
export const DRAFT_AGAINST_JANSSEN: Partial<Record<RequirementId, Predicted>> = {
  ...CACHED_DISCOVERY,
  'GTR-AUTH-4': { verdict: 'FAIL', row: ROW.scope },
  'GTR-AUTH-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-AUTH-6': { verdict: 'WARNING', row: ROW.subId },
  'GTR-REV-1': { verdict: 'FAIL', row: ROW.subId },
  'GTR-REV-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-REV-7': { verdict: 'FAIL', row: ROW.unknownUser },
  'GTR-REV-9': { verdict: 'FAIL', row: ROW.subId },
  'GTR-TOK-1': { verdict: 'WARNING', row: ROW.subId },
  'GTR-TOK-2': { verdict: 'FAIL', row: ROW.subId },
  'GTR-TOK-3': { verdict: 'WARNING', row: ROW.subId },
  'GTR-TOK-4': { verdict: 'FAIL', row: ROW.codes },
  'GTR-FLAG-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-PROTO-4': { verdict: 'WARNING', row: ROW.empty },
  'GTR-PROTO-5': { verdict: 'FAIL', row: ROW.subId },
  'GTR-PROTO-6': { verdict: 'WARNING', row: ROW.subId },
};
