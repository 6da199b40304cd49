import { expect } from '@playwright/test';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { DRAFT_FAULT_NAMES } from '../../fixtures/reference-op/faults';
import { coverageOf, runBatch, type FaultRun } from '../kill-matrix/run';
import { test } from '../kill-matrix/shared-browser';
import { DRAFT_EXPECTED_KILLS, DRAFT_FAULT_RUN, DRAFT_GATES } from './draft-expected';

/**
 * The reference OP's draft faults (fixtures/reference-op/faults/draft.ts), run as the kill matrix
 * runs its own (tests/kill-matrix/KILL-MATRIX.md explains the coverage and the batches): the suite
 * once against the healthy draft OP under the draft profile, recording which fault points each test
 * reaches, then each fault on the tests that reached its points. Each must fail exactly the
 * requirements draft-expected.ts names. A few minutes: the four faults that keep something of the
 * user share the main revocation check and the flag phase, so each repeats them.
 */

test('each draft fault fails exactly its requirements', async ({ sharedBrowser }) => {
  test.setTimeout(1_200_000);
  const ws = sharedBrowser.wsEndpoint();
  const coverage = await coverageOf(DRAFT_FAULT_NAMES, ws, DRAFT_FAULT_RUN, { alone: [], gates: DRAFT_GATES });
  expect(coverage.exitCode, coverage.output.slice(-3000)).toBe(0);
  expect(coverage.profiles?.gtrProfile, 'the run judged under the draft profile').toBe('draft');
  const unreached = DRAFT_FAULT_NAMES.filter((f) => !coverage.tests[f]?.length && !coverage.setup.includes(f));
  expect(unreached, 'every draft fault is reached by some check').toEqual([]);
  const runs: FaultRun[] = [];
  // Two runs side by side, as the kill matrix's lanes.
  const batches = coverage.plan.values();
  const lane = async () => {
    for (const batch of batches) runs.push(...(await runBatch(batch, coverage, ws, DRAFT_FAULT_RUN)));
  };
  await Promise.all([lane(), lane()]);
  const found = Object.fromEntries(runs.map((r) => [r.fault, { failed: [...r.failed].sort(), errors: r.errors }]));
  const wanted = Object.fromEntries(DRAFT_FAULT_NAMES.map((f) => [f, { failed: [...DRAFT_EXPECTED_KILLS[f]].sort(), errors: [] }]));
  expect(found, runs.map((r) => `${r.fault}: ${r.how}, ${Math.round(r.durationMs / 1000)} s`).join('\n')).toEqual(wanted);
  for (const run of runs) if (run.failedMust.length > 0) expect(run.verdictExitCode, `${run.fault} breaks a MUST: the run fails`).toBe(1);
});

test('every draft fault has expectations, and each names known requirements', () => {
  expect(Object.keys(DRAFT_EXPECTED_KILLS).sort()).toEqual([...DRAFT_FAULT_NAMES].sort());
  const ids = new Set(REQUIREMENTS.map((r) => r.id));
  for (const killed of Object.values(DRAFT_EXPECTED_KILLS)) {
    expect(killed.length).toBeGreaterThan(0);
    for (const id of killed) expect(ids.has(id), id).toBe(true);
  }
});
