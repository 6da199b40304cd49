import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { PROJECT_ROOT, REPORTS_DIR } from '../../fixtures/paths';
import { MATRIX_FAULTS } from '../../fixtures/reference-op/faults';
import { EXPECTED_ERRORS, EXPECTED_KILLS, EXPECTED_STOPS } from './expected';
import { matrixMarkdown } from './document';
import { readResult } from './run';

/**
 * Proves the suite can fail: against each named fault of the reference OP exactly the expected
 * requirements fail (and exactly the expected ones cannot be judged). Reads what the fault runs
 * (project kill-matrix-runs) found.
 */
test.describe.configure({ mode: 'parallel' });

const MATRIX_DOC = join(PROJECT_ROOT, 'tests', 'kill-matrix', 'KILL-MATRIX.md');

test('every fault has expectations and every MUST requirement is killed by a fault', () => {
  expect(Object.keys(EXPECTED_KILLS).sort()).toEqual([...MATRIX_FAULTS].sort());
  const killed = new Set(Object.values(EXPECTED_KILLS).flat());
  const survivors = REQUIREMENTS.filter((r) => r.level === 'MUST' && !killed.has(r.id)).map((r) => r.id);
  expect(survivors, 'MUST requirements no fault proves the suite can fail').toEqual([]);
  for (const [fault, ids] of Object.entries(EXPECTED_KILLS)) {
    if (!(fault in EXPECTED_STOPS)) expect(ids.length, `${fault} must fail at least one requirement`).toBeGreaterThan(0);
  }
});

test('the committed kill matrix document is generated from the expectations', () => {
  const fresh = matrixMarkdown(EXPECTED_KILLS, EXPECTED_ERRORS, EXPECTED_STOPS);
  mkdirSync(REPORTS_DIR, { recursive: true });
  writeFileSync(join(REPORTS_DIR, 'KILL-MATRIX.md'), fresh);
  expect(readFileSync(MATRIX_DOC, 'utf8'), 'run `npm run kill-matrix` to regenerate tests/kill-matrix/KILL-MATRIX.md').toBe(fresh);
});

for (const fault of MATRIX_FAULTS) {
  test(`fault ${fault} is killed by exactly its requirements`, () => {
    const run = readResult(fault);
    if (!run) throw new Error(`no result for ${fault}: the fault runs (project kill-matrix-runs) did not finish`);
    const context = `${run.how}${run.together.length ? ` with ${run.together.join(', ')}` : ''}, exit ${run.exitCode}\n${run.output.slice(-3000)}`;
    expect(run.stopped?.kind, `${context}\nthe preflight stops the run`).toBe(EXPECTED_STOPS[fault]);
    expect({ failed: [...run.failed].sort(), errors: [...run.errors].sort() }, context).toEqual({
      failed: [...EXPECTED_KILLS[fault]].sort(),
      errors: [...(EXPECTED_ERRORS[fault] ?? [])].sort(),
    });
    expect(run.exitCode, 'the process exits with the code its report states').toBe(run.reportExitCode);
    if (run.failedMust.length > 0 || EXPECTED_STOPS[fault] === 'fail') expect(run.verdictExitCode, 'a broken MUST fails the run').toBe(1);
  });
}
