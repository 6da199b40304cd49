import type { RequirementId } from '../../fixtures/catalogue';
import type { FaultName } from '../../fixtures/reference-op/faults';

/**
 * Which requirements each fault of the reference OP must make fail (FAIL for a MUST, WARNING for a
 * SHOULD) compared with the healthy run, and which it leaves unjudgeable (ERROR): reviewed data.
 * Found with `node --import tsx tests/kill-matrix/discover.ts` and checked against what each fault
 * breaks; `npm test` proves every line on a real run.
 */
export const EXPECTED_KILLS: Record<FaultName, readonly RequirementId[]> = {} as Record<FaultName, readonly RequirementId[]>;

export const EXPECTED_ERRORS: Partial<Record<FaultName, readonly RequirementId[]>> = {};

/** Faults under which the preflight stops the run, and how (no requirement is judged then). */
export const EXPECTED_STOPS: Partial<Record<FaultName, 'fail' | 'incomplete'>> = {};
