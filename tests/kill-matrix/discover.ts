/**
 * Runs the kill matrix and prints what actually happened per fault, as a starting point for
 * expected.ts after a deliberate change (review every line before committing it).
 * Usage: node --import tsx tests/kill-matrix/discover.ts [fault …] (only the named faults, e.g. a new one)
 */
import { recordCoverage, runFaults, type FaultRun } from './run';
import { launchSharedBrowser } from './suite';
import { planBatches } from './plan';
import { MATRIX_FAULTS } from '../../fixtures/reference-op/faults';

const LANES = 2;
const browser = await launchSharedBrowser();
const started = Date.now();
const only = process.argv.slice(2);
const unknown = only.filter((f) => !(MATRIX_FAULTS as readonly string[]).includes(f));
if (unknown.length > 0) throw new Error(`Not faults the kill matrix runs: ${unknown.join(', ')}.`);
const healthy = await recordCoverage(browser.wsEndpoint());
const coverage = only.length > 0 ? { ...healthy, plan: planBatches(healthy, only) } : healthy;
console.log(`healthy run: exit ${coverage.exitCode}, ${Math.round((Date.now() - started) / 1000)} s, ${coverage.plan.length} runs planned`);
const runs: FaultRun[] = [];
const list = (ids: string[]) => `[${ids.map((id) => `'${id}'`).join(', ')}]`;
const line = (run: FaultRun) =>
  `  '${run.fault}': ${list(run.failed)}, // ${run.how}${run.together.length ? ` with ${run.together.length}` : ''}, ${run.tests} tests, ${Math.round(run.durationMs / 1000)} s, exit ${run.exitCode}${run.stopped ? `, stopped ${run.stopped.kind}` : ''}`;
await runFaults(coverage, browser.wsEndpoint(), LANES, (run) => {
  runs.push(run);
  console.log(line(run));
});
await browser.close();
runs.sort((a, b) => a.fault.localeCompare(b.fault));
const errors = runs.filter((r) => r.errors.length).map((r) => `  '${r.fault}': ${list(r.errors)},`);
const stops = runs.filter((r) => r.stopped).map((r) => `  '${r.fault}': '${r.stopped?.kind}',`);
console.log(`\nEXPECTED_KILLS:\n${runs.map(line).join('\n')}\n\nEXPECTED_ERRORS:\n${errors.join('\n')}\n\nEXPECTED_STOPS:\n${stops.join('\n')}`);
console.log(`\n${Math.round((Date.now() - started) / 1000)} s in all; ${runs.filter((r) => r.how !== 'batch').length} judged alone`);
