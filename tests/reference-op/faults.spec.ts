import { FAULTS, type FaultName } from '../../fixtures/reference-op/server';
import { RS_CHECKS } from './fault-checks-rs';
import { GTR_CHECKS } from './fault-checks-gtr';
import { CLUSTER_CHECKS, DRAFT_CHECKS } from './fault-checks-topology';
import { expect, type FaultCheck, startOp, test } from './support';

/**
 * Every named fault of the reference OP: switched on, its check shows the deviation; on a stock OP
 * the same check fails, having reached one of the fault's points (what the kill matrix relies on).
 */

const CHECKS: Record<FaultName, FaultCheck> = { ...RS_CHECKS, ...GTR_CHECKS, ...CLUSTER_CHECKS, ...DRAFT_CHECKS };

test('unknown fault names are refused', async () => {
  await expect(startOp({ faults: ['no-such-fault'] })).rejects.toThrow(/Unknown fault "no-such-fault"/);
});

test('every fault has a check', () => {
  expect(Object.keys(CHECKS).sort()).toEqual([...FAULTS].sort());
});

for (const fault of FAULTS) {
  test(`fault ${fault} is active`, async () => {
    const { options, check } = CHECKS[fault];
    const op = await startOp({ ...options, faults: [fault] });
    try {
      await check(op);
    } finally {
      await op.close();
    }
  });
}

// Each check must also be able to fail: on a stock OP (same options, no fault) it throws. And it
// must reach one of the fault's points there: the kill matrix runs a fault only against the tests
// whose requests reached one on the healthy OP (a point asked somewhere else would hide it).
for (const fault of FAULTS) {
  test(`fault ${fault}: its check fails without the fault, having reached a point of it`, async () => {
    const { options, check } = CHECKS[fault];
    const reached = new Map<string, Set<string>>();
    const faultPoints = (tag: string, f: string) => reached.set(f, (reached.get(f) ?? new Set()).add(tag));
    const op = await startOp({ ...options, faultPoints });
    try {
      let passed = false;
      try {
        await check(op);
        passed = true;
      } catch {
        // expected: the stock OP does not deviate
      }
      expect(passed, `the check of ${fault} passes on a stock OP`).toBe(false);
      expect([...(reached.get(fault) ?? [])], `the check of ${fault} reached none of its fault points`).toEqual(['setup']);
    } finally {
      await op.close();
    }
  });
}
