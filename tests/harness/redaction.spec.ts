import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { scanForSecrets } from '../../fixtures/reporting/secret-scan';
import { newReportsDir, runSuite } from './support';

/**
 * A full run against the embedded OP records every secret it handles (JANS_SECRET_MANIFEST, a
 * test-only hook, written outside the reports directory); then every file under the run's reports
 * — conformance.json/.md, JUnit, Allure results and the generated HTML, test-results — and the
 * console output are searched for those values. One hit fails. The same search must find hits
 * when redaction is switched off, or it proves nothing.
 */
test.describe.configure({ mode: 'parallel' });

function secretsOf(manifest: string): string[] {
  const values = readFileSync(manifest, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string);
  return [...new Set(values)];
}

function buildAllure(reportsDir: string): void {
  execFileSync(
    process.execPath,
    [
      join(PROJECT_ROOT, 'node_modules', 'allure', 'cli.js'),
      'generate',
      join(reportsDir, 'allure-results'),
      '-c',
      join(PROJECT_ROOT, 'allurerc.mjs'),
      '-o',
      join(reportsDir, 'allure-report'),
    ],
    {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
    },
  );
}

test('no secret of a full run reaches any report, trace or log', async () => {
  test.setTimeout(600_000);
  const manifest = join(newReportsDir(), 'secrets.jsonl');
  const run = await runSuite([], { JANS_SECRET_MANIFEST: manifest });
  expect(run.code, run.output.slice(-3000)).toBe(0);
  buildAllure(run.reportsDir);
  expect(existsSync(join(run.reportsDir, 'allure-report', 'index.html'))).toBe(true);
  const secrets = secretsOf(manifest);
  expect(secrets.length, 'the run handled client secrets, passwords, codes, tokens and cookies').toBeGreaterThan(50);
  expect(scanForSecrets(run.reportsDir, secrets)).toEqual([]);
  expect(secrets.filter((s) => run.output.includes(s))).toEqual([]);
});

test('the same search finds secrets when redaction is disabled', async () => {
  test.setTimeout(300_000);
  const manifest = join(newReportsDir(), 'secrets.jsonl');
  const run = await runSuite(['--grep', 'RS-AUTH-2|RS-REV-1'], { JANS_SECRET_MANIFEST: manifest, JANS_DISABLE_REDACTION: 'unsafe-self-test' });
  expect(run.code, run.output.slice(-3000)).toBe(0);
  expect(scanForSecrets(run.reportsDir, secretsOf(manifest)).length).toBeGreaterThan(0);
});
