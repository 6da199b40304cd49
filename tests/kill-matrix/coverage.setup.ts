import { REQUIREMENTS } from '../../fixtures/catalogue';
import { MATRIX_FAULTS } from '../../fixtures/reference-op/faults';
import { mergedVerdicts, recordCoverage } from './run';
import { expect, test } from './shared-browser';

/**
 * The kill matrix's healthy run: the whole suite against the healthy reference OP, recording which
 * fault points every test reaches, and planning the fault runs (run.ts, plan.ts). Nothing may fail but what a stock
 * Janssen fails by design (its cached discovery: the FLAG-6 warnings).
 */
test('against the healthy OP no MUST requirement fails; every test records the fault points it reaches', async ({ sharedBrowser }) => {
  test.setTimeout(600_000);
  const coverage = await recordCoverage(sharedBrowser.wsEndpoint());
  expect(coverage.exitCode, coverage.output.slice(-3000)).toBe(0);
  const notPass = Object.entries(coverage.verdicts).filter(([, v]) => !['PASS', 'INFO', 'SKIPPED'].includes(v));
  expect(notPass).toEqual([
    ['RS-FLAG-6', 'WARNING'],
    ['GTR-FLAG-6', 'WARNING'],
  ]);
  expect(coverage.outside, 'no fault point is reached outside a request').toEqual([]);
  expect(Object.keys(coverage.tests).length, 'tests reached fault points').toBeGreaterThan(50);
  // The fault runs' verdicts are the healthy records with some replaced: with none replaced they are the healthy verdicts.
  expect(mergedVerdicts(coverage, []).verdicts).toEqual(Object.fromEntries(REQUIREMENTS.map((r) => [r.id, coverage.verdicts[r.id]])));
  expect(coverage.plan.flat().sort(), 'every fault is planned once').toEqual([...MATRIX_FAULTS].sort());
});
