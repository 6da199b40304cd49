import { DRAFT_FAULT_NAMES, type DraftFaultName } from '../../fixtures/reference-op/faults';
import { AUTH_CHECKS } from './draft-auth-checks';
import { EFFECT_CHECKS } from './draft-effect-checks';
import { type Check, DRAFT } from './draft-support';

import { expect, startOp, test } from './support';

/**
 * The draft profile (fixtures/reference-op/draft-gtr.ts): the Global Token Revocation endpoint of a
 * vendor following draft-parecki-oauth-global-token-revocation-06, judged at the HTTP level. Each
 * check (draft-effect-checks.ts, draft-auth-checks.ts) runs against a conformant draft OP, and each
 * draft fault is shown to make the check of what it breaks fail.
 */

const CHECKS = { ...EFFECT_CHECKS, ...AUTH_CHECKS };

type CheckName = keyof typeof CHECKS;

/** The check each draft fault makes fail. */
const KILLED_BY: Record<DraftFaultName, CheckName> = {
  'draft-keeps-refresh-tokens': 'refresh tokens of the user are revoked (MUST), a bystander keeps hers',
  'draft-keeps-access-tokens': 'access tokens of the user are invalidated (SHOULD), a bystander keeps hers',
  'draft-keeps-sessions': 'the user must log in again before new tokens (MUST): sessions are gone, a bystander keeps hers',
  'draft-codes-survive': 'a code issued before the revocation can no longer be exchanged (MUST re-authenticate); a bystander redeems hers',
  'draft-no-authorization-check': 'a credential without the global_token_revocation scope is 403, empty, and revokes nothing',
  'draft-unknown-user-204': 'an unknown user is 404, empty, in every format; an iss_sub of another issuer names nobody here',
  'draft-unsupported-format-accepted': 'an unsupported subject identifier format is 400, empty, and revokes nothing',
  'draft-jwt-audience-unchecked': 'private_key_jwt with an aud that is not this endpoint is 401',
  'draft-jwt-replay-accepted': 'private_key_jwt whose jti was used before is 401',
  'draft-jwt-expiry-unchecked': 'private_key_jwt that expired is 401',
  'draft-jwt-typ-unchecked': 'a Bearer JWT without typ global-token-revocation+jwt is 401',
};

for (const [name, check] of Object.entries(CHECKS) as Array<[CheckName, Check]>) {
  test(`draft: ${name}`, async () => {
    const op = await startOp(DRAFT);
    try {
      await check(op);
    } finally {
      await op.close();
    }
  });
}

test('draft: every draft fault is shown to break a check', () => {
  expect(Object.keys(KILLED_BY).sort()).toEqual([...DRAFT_FAULT_NAMES].sort());
});

for (const fault of DRAFT_FAULT_NAMES) {
  test(`draft fault ${fault} makes "${KILLED_BY[fault]}" fail`, async () => {
    const op = await startOp({ ...DRAFT, faults: [fault] });
    try {
      const outcome = await CHECKS[KILLED_BY[fault]](op).then(
        () => 'passed',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      // An assertion of the check, not its arrangement, must be what fails.
      expect(outcome).toMatch(/expect\(/);
    } finally {
      await op.close();
    }
  });
}
