/**
 * Runs the kill matrix and prints what actually happened per fault, as a starting point for
 * expected.ts after a deliberate change (review every line before committing it).
 * Usage: node --import tsx tests/kill-matrix/discover.ts [fault ...]
 */
import { FAULTS } from '../../fixtures/reference-op/faults';
import { launchSharedBrowser, recordCoverage, runWithFault } from './matrix';

const requested = process.argv.slice(2);
const queue: string[] = requested.length ? requested : [...FAULTS];
const PARALLEL = 2;
const browser = await launchSharedBrowser();
const started = Date.now();
const coverage = await recordCoverage(browser.wsEndpoint());
console.log(`healthy run: exit ${coverage.exitCode}, ${Math.round((Date.now() - started) / 1000)} s`);
const kills: string[] = [];
const errors: string[] = [];

async function worker(): Promise<void> {
  for (;;) {
    const fault = queue.shift();
    if (!fault) return;
    const run = await runWithFault(fault, coverage, browser.wsEndpoint());
    const list = (ids: string[]) => `[${ids.map((id) => `'${id}'`).join(', ')}]`;
    kills.push(`  '${run.fault}': ${list(run.failed)}, // ${run.tests} tests, ${Math.round(run.durationMs / 1000)} s, exit ${run.exitCode}`);
    if (run.errors.length) errors.push(`  '${run.fault}': ${list(run.errors)},`);
    console.log(kills.at(-1));
  }
}

await Promise.all(Array.from({ length: PARALLEL }, () => worker()));
await browser.close();
console.log(`\nEXPECTED_KILLS:\n${kills.sort().join('\n')}\n\nEXPECTED_ERRORS:\n${errors.sort().join('\n')}\n\n${Math.round((Date.now() - started) / 1000)} s in all`);
