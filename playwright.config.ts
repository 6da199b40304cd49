import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { staticWorkersServed } from './fixtures/access/static-target';
import { chooseBrowser } from './fixtures/browser';
import { loadConfig } from './fixtures/config';
import { environment, selfTestKnob } from './fixtures/environment';
import { REPORTS_DIR, WORK_DIR } from './fixtures/paths';
import { CHECKS_PROJECT, FLAG_PHASE_PROJECT, FLAG_SPEC } from './fixtures/run/flag-phase-selection';
import { consoleReporters } from './fixtures/run/user-reporters';
import { defaultWorkers } from './fixtures/run/waiting-workers';

/**
 * The conformance suite. Two phases:
 * - the checks (`conformance`): every check but the feature-flag ones, fully parallel (unique data per test);
 * - the flag phase (`feature-flag`): switches the endpoints' flags off and on again, which changes
 *   global target state, so it runs alone, after every other check has ended, whether they passed
 *   or not. Only a teardown project runs that way in Playwright, and a teardown project always
 *   runs in full: no `--grep`, file filter or `--shard` applies to it.
 *
 * So the user's selection reaches the flag phase through Playwright's public `Reporter.preprocess`
 * hook (fixtures/run/selection-reporter.ts), which sees the suite already filtered and may drop
 * top-level projects before anything runs. The checks are declared twice, under one name: with the
 * flag phase as teardown, and alone — the twin alone also matches the flag spec, and what the
 * filters left of those tests shows which flag-phase tests they selected (those copies never run).
 * The reporter keeps the twin alone when no flag-phase test was selected or the run is sharded
 * (several machines share one target: the flag phase runs once, alone, with `--project
 * feature-flag`; README, "CI"), else the twin with the teardown; when only flag-phase tests were
 * selected, neither twin has a test and the flag phase is an ordinary, filtered project. When some
 * flag-phase tests and other checks were selected, the flag phase's worker skips the ones left out
 * (fixtures/run/flag-phase-selection.ts), and the reports count those as not selected.
 */

const settings = loadConfig();
/**
 * JANS_WORKERS, else Playwright's default (half the cores), or more when revocation takes time to
 * show and the checks mostly wait (run/waiting-workers.ts) — in static mode no more than the target
 * file's users can serve, so that every worker's share can run every check (access/static-pool.ts).
 */
const byDefault = defaultWorkers(settings);
const workers =
  settings.workers ??
  (settings.mode === 'static'
    ? Math.min(byDefault ?? Math.max(1, Math.floor(availableParallelism() / 2)), staticWorkersServed(settings.targetFile as string))
    : byDefault);
// A switch waits for a reload, then for a forced discovery rebuild: each up to JANS_FLAG_TIMEOUT_MS.
const FLAG_TEST_TIMEOUT_MS = 3 * settings.flagTimeoutMs + 60_000;
/**
 * The whole run ends by itself whatever the target does (every request is bounded too, see
 * access/http.ts): 45 minutes for global setup and the parallel phase, plus thirteen flag-phase tests
 * at their full timeout (the phase has eleven). Generous for any real server, finite for a hostile one.
 */
const GLOBAL_TIMEOUT_MS = 45 * 60_000 + 13 * FLAG_TEST_TIMEOUT_MS;

const reporters: ReporterDescription[] = [
  // First: every reporter after it reads results redacted and without control characters (JUnit stays well-formed).
  ['./fixtures/reporting/hygiene-reporter.ts'],
  // Only its preprocess hook: the user's selection applied to the flag phase (above).
  ['./fixtures/run/selection-reporter.ts'],
  // The console slot (JANS_REPORTER): by default each requirement's verdict as it settles (fixtures/reporting/console-reporter.ts).
  ...consoleReporters(environment()),
  ['junit', { outputFile: `${REPORTS_DIR}/junit.xml`, includeProjectInTestName: true }],
  ['./fixtures/reporting/allure-reporter.ts', { resultsDir: `${REPORTS_DIR}/allure-results` }],
];
if (environment().JANS_BLOB_REPORT) reporters.push(['blob', { outputDir: `${REPORTS_DIR}/blob` }]);
// Last: it sets the exit code once every other reporter has written its files.
// Its last pass redacts every file under reports/ by value.
reporters.push(['./fixtures/reporting/conformance-reporter.ts']);

// Fail early, in one sentence, when no browser can be found.
chooseBrowser();

export default defineConfig({
  testDir: './specs',
  // In the work folder, not beside this file: an installed harness's files are shared by every run (cli/stage.ts).
  outputDir: resolve(WORK_DIR, 'test-results/conformance'),
  // The guard first: a run that lost the selection reporter stops before the target is touched.
  globalSetup: ['./fixtures/run/selection-guard.ts', './fixtures/run/global-setup.ts'],
  forbidOnly: !!environment().CI,
  retries: 0,
  globalTimeout: GLOBAL_TIMEOUT_MS,
  fullyParallel: true,
  ...(workers ? { workers } : {}),
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: reporters,
  use: {
    // Self-test only (kill matrix): connect to one shared browser instead of launching one per worker.
    ...(selfTestKnob('JANS_SELFTEST_BROWSER_WS') ? { connectOptions: { wsEndpoint: selfTestKnob('JANS_SELFTEST_BROWSER_WS') as string } } : {}),
    // Traces and videos would record cookies and tokens in clear; evidence goes through redaction instead.
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
  projects: [
    { name: CHECKS_PROJECT, testIgnore: FLAG_SPEC, teardown: FLAG_PHASE_PROJECT },
    // The twin alone (above): runs without the flag phase; its copies of the flag spec's tests only show the selection.
    { name: CHECKS_PROJECT },
    { name: FLAG_PHASE_PROJECT, testMatch: FLAG_SPEC, fullyParallel: false, timeout: FLAG_TEST_TIMEOUT_MS },
  ],
});
