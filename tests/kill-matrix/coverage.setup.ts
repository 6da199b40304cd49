import { test as base, expect, type BrowserServer } from '@playwright/test';
import { launchSharedBrowser, recordCoverage } from './matrix';

const test = base.extend<object, { sharedBrowser: BrowserServer }>({
  sharedBrowser: [
    async ({}, use) => {
      const server = await launchSharedBrowser();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

/**
 * The kill matrix's healthy run: the whole suite against the healthy reference OP, recording which
 * fault points every test reaches (tests/kill-matrix/matrix.ts). Nothing may fail but what a stock
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
});
