import { join, relative } from 'node:path';
import { PROJECT_ROOT, REPORTS_DIR, WORK_DIR } from '../fixtures/paths';
import { describeRerun, lastFailed } from './last-failed';
import { dependencyFile, ensureBrowser, runChild } from './processes';
import { UsageError } from './settings';

/**
 * `run` (the default): the conformance suite, as `playwright test` with the harness's config; every
 * other option goes to Playwright (`--grep`, `--shard`, `--project`, `--list`, …). Two are the
 * command's: `--last-failed` (last-failed.ts) and `--reporter`, which is the JANS_REPORTER setting
 * (cli/settings.ts; fixtures/run/user-reporters.ts says why).
 */
export async function run(args: string[]): Promise<number> {
  const rest = args.filter((arg) => arg !== '--last-failed');
  if (rest.length < args.length) {
    if (rest.some((arg) => arg === '--grep' || arg === '-g' || arg.startsWith('--grep='))) {
      throw new UsageError('--last-failed selects by --grep itself: leave --grep out (--grep-invert, --project and --shard still apply).');
    }
    const report = join(REPORTS_DIR, 'conformance.json');
    const rerun = lastFailed(report);
    console.log(describeRerun(rerun, relative(WORK_DIR, report) || report));
    if (!rerun.grep) return 0;
    rest.push('--grep', rerun.grep);
  }
  const browser = await ensureBrowser();
  // No Chromium: the harness cannot judge (the script said why).
  if (browser !== 0) return 2;
  return runChild(process.execPath, [dependencyFile('@playwright/test/cli'), 'test', '--config', join(PROJECT_ROOT, 'playwright.config.ts'), ...rest]);
}
