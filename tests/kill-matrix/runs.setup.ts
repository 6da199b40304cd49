import { readCoverage, runLane } from './matrix';
import { test } from './shared-browser';

/**
 * The fault runs, in as many lanes as the self-tests have workers: each lane takes the planned
 * batches no other lane has taken yet. The verdicts are checked per fault by matrix.spec.ts.
 */
test.describe.configure({ mode: 'parallel' });

const LANES = 2;

for (let lane = 1; lane <= LANES; lane++) {
  test(`fault runs, lane ${lane} of ${LANES}`, async ({ sharedBrowser }) => {
    test.setTimeout(1_500_000);
    await runLane(readCoverage(), sharedBrowser.wsEndpoint());
  });
}
