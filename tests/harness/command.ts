import { spawn } from 'node:child_process';
import { chooseBrowser } from '../../fixtures/browser';

/**
 * Helpers for the command's self-tests (cli.spec.ts, package.spec.ts): the command runs as a user
 * starts it, in a folder of its own, with none of this runner's settings, self-test knobs or npm
 * script variables, and with the machine's Chromium.
 */

/** npm settings a user's shell may carry (a CI cache, a mirror); npm's script variables stay behind. */
const NPM_SETTINGS = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);

export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(
    ([name]) =>
      !name.startsWith('JANS_') &&
      !name.startsWith('PW_') &&
      !name.startsWith('TEST_') &&
      name !== 'INIT_CWD' &&
      (!name.startsWith('npm_') || NPM_SETTINGS.has(name)),
  );
  const browser = chooseBrowser().executablePath;
  return { ...Object.fromEntries(kept), ...(browser ? { JANS_BROWSER_PATH: browser } : {}), ...extra };
}

export interface CommandRun {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs `command args` in `cwd` and collects its output (stdout and stderr, in order). */
export function runIn(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = userEnv()): Promise<CommandRun> {
  const started = Date.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output, ms: Date.now() - started }));
  });
}
