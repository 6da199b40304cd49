import { defineConfig } from '@playwright/test';
import { chooseBrowser, CHROMIUM_ARGS } from '../fixtures/browser';

/** Self-tests of the project: the reference OP, the harness's own machinery, the kill matrix. */
const browser = chooseBrowser();

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/self',
  forbidOnly: !!process.env.CI,
  retries: 0,
  fullyParallel: true,
  // Most self-tests wait on child suites; two at a time keeps both cores busy.
  workers: process.env.JANS_SELFTEST_WORKERS ? Number(process.env.JANS_SELFTEST_WORKERS) : 2,
  timeout: 60_000,
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: '../reports/self-test-junit.xml' }]] : [['list']],
  use: {
    trace: 'off',
    launchOptions: { executablePath: browser.executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'self', testIgnore: /kill-matrix\// },
    // The kill matrix: a healthy run records per-test coverage and plans the fault runs; one test
    // runs them, as many side by side as there are workers; one check per fault reads the verdicts.
    { name: 'kill-matrix-coverage', testMatch: /kill-matrix\/coverage\.setup\.ts/ },
    { name: 'kill-matrix-runs', testMatch: /kill-matrix\/runs\.setup\.ts/, dependencies: ['kill-matrix-coverage'] },
    { name: 'kill-matrix', testMatch: /kill-matrix\/matrix\.spec\.ts/, dependencies: ['kill-matrix-runs'] },
  ],
});
