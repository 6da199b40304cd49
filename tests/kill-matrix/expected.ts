import type { RequirementId } from '../../fixtures/catalogue';
import type { FaultName } from '../../fixtures/reference-op/faults';

/**
 * Which requirements each fault of the reference OP must make fail (FAIL for a MUST, WARNING for a
 * SHOULD) — reviewed data. Found with `node --import tsx tests/kill-matrix/discover.ts` and checked
 * line by line against what the fault breaks; `npm test` proves every line on a real run.
 */
export const EXPECTED_KILLS: Record<FaultName, readonly RequirementId[]> = {
};
