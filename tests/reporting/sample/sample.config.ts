import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { REPORTS_DIR } from '../../../fixtures/paths';

/**
 * A tiny synthetic suite the reporting self-tests run in a subprocess. Behaviour is chosen through
 * SAMPLE_* variables (see sample.sample.ts); reports go to JANS_REPORTS_DIR (a temp dir).
 */
const blob = process.env.SAMPLE_BLOB_DIR;

export default defineConfig({
  testDir: '.',
  testMatch: '*.sample.ts',
  outputDir: resolve(REPORTS_DIR, 'test-results'),
  globalSetup: './sample.global-setup.ts',
  retries: 0,
  workers: 1,
  reporter: blob
    ? [['blob', { outputDir: blob }]]
    : [
        // As in the root config: the hygiene reporter first, the conformance reporter (and its last redaction pass) last.
        ['../../../fixtures/reporting/hygiene-reporter.ts'],
        ['list'],
        ['junit', { outputFile: resolve(REPORTS_DIR, 'junit.xml'), includeProjectInTestName: true }],
        ['../../../fixtures/reporting/allure-reporter.ts', { resultsDir: resolve(REPORTS_DIR, 'allure-results') }],
        ...(process.env.SAMPLE_BLOB_REPORT ? [['blob', { outputDir: resolve(REPORTS_DIR, 'blob') }] as const] : []),
        ['../../../fixtures/reporting/conformance-reporter.ts'],
      ],
  use: { trace: 'off' },
});
