import { readCoverage, runFaults } from './run';
import { test } from './shared-browser';

/**
 * The fault runs: every planned batch, as many side by side as the self-tests have workers (each
 * run is a child process of this one test). The verdicts are checked per fault by matrix.spec.ts.
 */
test('fault runs', async ({ sharedBrowser }, testInfo) => {
  test.setTimeout(1_500_000);
  await runFaults(readCoverage(), sharedBrowser.wsEndpoint(), testInfo.config.workers);
});
