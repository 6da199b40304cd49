import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { PROJECT_ROOT } from '../../fixtures/paths';

/**
 * `scripts/ensure-browser.sh` installs a system package when no Chromium is there: before it runs
 * apt-get it must say what it installs, roughly how big, and how to avoid it. The script runs with a
 * stand-in apt-get (it records its calls and installs nothing), no Playwright download and an empty
 * system root, so the install path is reached on any machine.
 */

function sandbox(): { dir: string; env: NodeJS.ProcessEnv; calls: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-ensure-browser-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'root'));
  const log = join(dir, 'apt-get.log');
  // Its calls go to the log and, marked, to the script's output: the order there is the order they happened in.
  writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "apt-get $*" >> "${log}"\necho "[apt-get called: $*]" >&2\nexit 0\n`);
  writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 0\n');
  for (const tool of ['apt-get', 'id']) chmodSync(join(bin, tool), 0o755);
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: dir,
    PLAYWRIGHT_BROWSERS_PATH: join(dir, 'no-playwright-browsers'),
    JANS_SELF_TEST: '1',
    JANS_SELFTEST_SYSTEM_ROOT: join(dir, 'root'),
  };
  return { dir, env, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []) };
}

const run = (env: NodeJS.ProcessEnv) =>
  spawnSync('bash', ['-c', 'bash scripts/ensure-browser.sh 2>&1'], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 30_000 });

test('before apt-get runs, the script says what it installs, how big, and how to avoid it', () => {
  const box = sandbox();
  const result = run(box.env);
  expect(result.status, result.stdout).toBe(0);
  expect(box.calls()).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium-headless-shell']);
  const firstCall = result.stdout.indexOf('[apt-get called:');
  expect(firstCall, result.stdout).toBeGreaterThan(0);
  const before = result.stdout.slice(0, firstCall);
  expect(before, 'the package').toContain("Debian's chromium-headless-shell package");
  expect(before, 'roughly how big').toMatch(/about \d+ MB to download and \d+ MB on disk/);
  expect(before, 'how to avoid it').toMatch(/set JANS_BROWSER_PATH to a Chromium you have, or install one yourself/);
});

test('outside the self-tests the system root stays the real one', () => {
  test.skip(!existsSync('/usr/bin/chromium-headless-shell'), 'needs a machine with /usr/bin/chromium-headless-shell');
  const box = sandbox();
  const result = run({ ...box.env, JANS_SELF_TEST: '' });
  expect(result.status, result.stdout).toBe(0);
  expect(box.calls(), 'the system headless shell is found: nothing installed').toEqual([]);
  expect(result.stdout).toBe('');
});
