import { defineConfig, type ReporterDescription } from '@playwright/test';
import { chooseBrowser } from './fixtures/browser';
import { REPORTS_DIR } from './fixtures/paths';

/**
 * The conformance suite. Two phases:
 * - `conformance`: every spec but the feature flag one, fully parallel (unique data per test);
 * - `feature-flag`: switches REVOKE_SESSION off and on again, which changes global target state,
 *   so it runs alone, after the first phase has finished, whether that phase passed or not
 *   (a Playwright teardown project runs unconditionally).
 * A teardown project ignores `--grep`, so the CLI filter is applied to it here. In a sharded run
 * (`--shard i/n`) several machines share one target, so the flag phase is left out of the shards
 * and run once, alone, with `--project feature-flag` (see README, "CI").
 */

function cliOption(names: string[]): string | undefined {
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    for (const name of names) {
      if (arg === name) return argv[i + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}

/** File/line filters given on the command line (`npx playwright test specs/protocol.spec.ts`). */
function positionalFilters(): string[] {
  const argv = process.argv.slice(process.argv.indexOf('test') + 1);
  const withValue = new Set(['--grep', '-g', '--grep-invert', '-gv', '--shard', '--project', '--workers', '-j', '--reporter', '--config', '-c', '--timeout', '--repeat-each', '--max-failures', '--output', '--trace', '--tsconfig']);
  const filters: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (withValue.has(arg)) i++;
    else if (!arg.startsWith('-')) filters.push(arg);
  }
  return filters;
}

const grep = cliOption(['--grep', '-g']);
const grepInvert = cliOption(['--grep-invert', '-gv']);
const sharded = cliOption(['--shard']) !== undefined;
const files = positionalFilters();
const flagFileExcluded = files.length > 0 && !files.some((f) => 'specs/feature-flag.spec.ts'.includes(f.split(':')[0] as string) || /feature-flag/.test(f));
const MATCH_NOTHING = /(?!)/;

const reporters: ReporterDescription[] = [
  [process.env.CI ? 'line' : 'list'],
  ['./fixtures/reporting/conformance-reporter.ts', { redactFiles: [`${REPORTS_DIR}/junit.xml`] }],
  ['junit', { outputFile: `${REPORTS_DIR}/junit.xml`, includeProjectInTestName: true }],
  ['./fixtures/reporting/allure-reporter.ts', { resultsDir: `${REPORTS_DIR}/allure-results` }],
];
if (process.env.JANS_BLOB_REPORT) reporters.push(['blob', { outputDir: `${REPORTS_DIR}/blob` }]);

// Fail early, in one sentence, when no browser can be found.
chooseBrowser();

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results/conformance',
  globalSetup: './fixtures/run/global-setup.ts',
  forbidOnly: !!process.env.CI,
  retries: 0,
  fullyParallel: true,
  workers: process.env.JANS_WORKERS ? Number(process.env.JANS_WORKERS) : undefined,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: reporters,
  use: {
    // Self-test only (kill matrix): connect to one shared browser instead of launching one per worker.
    ...(process.env.JANS_SELFTEST_BROWSER_WS ? { connectOptions: { wsEndpoint: process.env.JANS_SELFTEST_BROWSER_WS } } : {}),
    // Traces and videos would record cookies and tokens in clear; evidence goes through redaction instead.
    trace: 'off',
    video: 'off',
    screenshot: 'off',
  },
  projects: [
    { name: 'conformance', testIgnore: /feature-flag\.spec\.ts/, teardown: 'feature-flag' },
    {
      name: 'feature-flag',
      testMatch: /feature-flag\.spec\.ts/,
      fullyParallel: false,
      grep: sharded || flagFileExcluded ? MATCH_NOTHING : grep ? new RegExp(grep) : /.*/,
      ...(grepInvert ? { grepInvert: new RegExp(grepInvert) } : {}),
    },
  ],
});
