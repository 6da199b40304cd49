/**
 * Runs the kill matrix and prints what actually failed per fault, as a starting point for
 * expected.ts after a deliberate change (review every line before committing it).
 * Usage: node --import tsx tests/kill-matrix/discover.ts [fault ...]
 */
import { FAULTS } from '../../fixtures/reference-op/faults';
import { launchSharedBrowser, runWithFault } from './matrix';

const requested = process.argv.slice(2);
const queue: (string | undefined)[] = requested.length ? requested : [undefined, ...FAULTS];
const PARALLEL = 2;
const browser = await launchSharedBrowser();

async function worker(): Promise<void> {
  for (;;) {
    if (queue.length === 0) return;
    const fault = queue.shift();
    const run = await runWithFault(fault, browser.wsEndpoint());
    console.log(`  '${run.fault}': [${run.failed.map((id) => `'${id}'`).join(', ')}], // ${Math.round(run.durationMs / 1000)} s, exit ${run.exitCode}`);
  }
}

await Promise.all(Array.from({ length: PARALLEL }, () => worker()));
await browser.close();
