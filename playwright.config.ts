import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { staticWorkersServed } from './fixtures/access/static-target';
import { chooseBrowser } from './fixtures/browser';
import { loadConfig } from './fixtures/config';
import { environment, selfTestKnob } from './fixtures/environment';
import { PROJECT_ROOT, REPORTS_DIR } from './fixtures/paths';

/**
 * The conformance suite. Two phases:
 * - `conformance`: every check but the feature-flag ones, fully parallel (unique data per test);
 * - `feature-flag`: switches the endpoints' flags off and on again, which changes global target
 *   state, so it runs alone, after the first phase has finished, whether that phase passed or not
 *   (a Playwright teardown project runs unconditionally).
 *
 * A teardown project always runs in full: Playwright applies no command-line filter to it. So the
 * filters the user gave are applied to it here, read from Playwright's own parsed command line
 * (never re-parsed by hand, so no option value is mistaken for a file filter). In a sharded run
 * (`--shard i/n`) several machines share one target, so the flag phase is left out of the shards
 * and run once, alone, with `--project feature-flag` (see README, "CI").
 */

interface CliFilters {
  grep?: string;
  grepInvert?: string;
  shard?: string;
  files: string[];
}

/** Playwright's `test` command as its CLI parsed it (commander); undefined outside the runner (workers, merge-reports). */
function playwrightCli(): CliFilters | undefined {
  const { program } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as {
    program: { commands: { name(): string; opts(): Record<string, unknown>; args: string[] }[] };
  };
  const command = program.commands.find((c) => c.name() === 'test');
  if (!command) return undefined;
  const opts = command.opts();
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { grep: text(opts.grep), grepInvert: text(opts.grepInvert), shard: text(opts.shard), files: command.args };
}

/** Whether a file filter selects `file` the way Playwright's own does (a regular expression on the path, `:line` aside). */
function fileFilterSelects(filter: string, file: string): boolean {
  const pattern = /^(.*?):(\d+):?(\d+)?$/.exec(filter)?.[1] ?? filter;
  const literal = /^\/(.*)\/([gi]*)$/.exec(pattern);
  return (literal ? new RegExp(literal[1] as string, (literal[2] ?? '').replace('g', '')) : new RegExp(pattern, 'i')).test(file);
}

const settings = loadConfig();
/**
 * JANS_WORKERS, else Playwright's default (half the cores) — in static mode no more than the target
 * file's users can serve, so that every worker's share can run every check (access/static-pool.ts).
 */
const workers =
  settings.workers ??
  (settings.mode === 'static' ? Math.min(Math.max(1, Math.floor(availableParallelism() / 2)), staticWorkersServed(settings.targetFile as string)) : undefined);
const cli = playwrightCli() ?? { files: [] };
const FLAG_SPEC = /flag-phase\.spec\.ts$/;
const FLAG_FILE = resolve(PROJECT_ROOT, 'specs', 'flag-phase.spec.ts');
const flagFileExcluded = cli.files.length > 0 && !cli.files.some((filter) => fileFilterSelects(filter, FLAG_FILE));
const MATCH_NOTHING = /(?!)/;
// A switch waits for a reload, then for a forced discovery rebuild: each up to JANS_FLAG_TIMEOUT_MS.
const FLAG_TEST_TIMEOUT_MS = 3 * settings.flagTimeoutMs + 60_000;
/**
 * The whole run ends by itself whatever the target does (every request is bounded too, see
 * access/http.ts): 45 minutes for global setup and the parallel phase, plus ten flag-phase tests at
 * their full timeout (the phase has eight). Generous for any real server, finite for a hostile one.
 */
const GLOBAL_TIMEOUT_MS = 45 * 60_000 + 10 * FLAG_TEST_TIMEOUT_MS;

const reporters: ReporterDescription[] = [
  // First: every reporter after it reads results redacted and without control characters (JUnit stays well-formed).
  ['./fixtures/reporting/hygiene-reporter.ts'],
  [environment().CI ? 'line' : 'list'],
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
  outputDir: './test-results/conformance',
  globalSetup: './fixtures/run/global-setup.ts',
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
    { name: 'conformance', testIgnore: FLAG_SPEC, teardown: 'feature-flag' },
    {
      name: 'feature-flag',
      testMatch: FLAG_SPEC,
      fullyParallel: false,
      timeout: FLAG_TEST_TIMEOUT_MS,
      grep: cli.shard || flagFileExcluded ? MATCH_NOTHING : cli.grep ? new RegExp(cli.grep) : /.*/,
      ...(cli.grepInvert ? { grepInvert: new RegExp(cli.grepInvert) } : {}),
    },
  ],
});
