import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { environment } from '../fixtures/environment';
import { PROJECT_ROOT, WORK_DIR } from '../fixtures/paths';

/** The command's child processes: the Playwright runner and the browser check. */

const requireHere = createRequire(join(PROJECT_ROOT, 'package.json'));

/** A file of an installed dependency, as Node resolves it from the harness. */
export function dependencyFile(specifier: string): string {
  return requireHere.resolve(specifier);
}

/**
 * Runs a child in the work folder on this terminal and resolves to its exit code (128 + the signal
 * when a signal ended it). Signals sent to the command reach the child: the runner restores the
 * target on Ctrl-C, and ignores the second SIGINT a terminal's Ctrl-C also delivers to it.
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: WORK_DIR, stdio: 'inherit', env });
    const forwards = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, () => child.kill(signal)] as const);
    for (const [signal, forward] of forwards) process.on(signal, forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const [name, forward] of forwards) process.off(name, forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 1));
    });
  });
}

/**
 * scripts/ensure-browser.sh, as `npm run conformance` always ran it first: JANS_BROWSER_PATH may
 * come from `.env` here, and its last resort, Playwright's download, needs the install's `.bin`.
 */
export function ensureBrowser(): Promise<number> {
  const bin = join(dirname(dirname(dirname(dependencyFile('@playwright/test/package.json')))), '.bin');
  const browserPath = environment().JANS_BROWSER_PATH;
  return runChild('bash', [join(PROJECT_ROOT, 'scripts', 'ensure-browser.sh')], {
    ...process.env,
    ...(existsSync(bin) ? { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` } : {}),
    ...(browserPath ? { JANS_BROWSER_PATH: browserPath } : {}),
  });
}
