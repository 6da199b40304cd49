import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { scanForSecrets } from '../../fixtures/reporting/secret-scan';
import { runSample } from './helpers';

test('the single-file Allure report opens from disk and shows requirement ids per test', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const secret = `allure-secret-${Date.now()}`;
  const run = runSample([], { SAMPLE_SECRET: secret });
  expect(run.exitCode, run.output).toBe(0);

  const out = join(run.dir, 'allure-report');
  const gen = spawnSync(
    process.execPath,
    [resolve(PROJECT_ROOT, 'node_modules/allure/cli.js'), 'generate', join(run.dir, 'allure-results'), '-c', 'allurerc.mjs', '-o', out],
    { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  expect(gen.status, `${gen.stdout}\n${gen.stderr}`).toBe(0);
  expect(readdirSync(out)).toContain('index.html');
  expect(existsSync(join(out, 'data'))).toBe(false);
  expect(scanForSecrets(out, [secret])).toEqual([]);

  await page.goto(pathToFileURL(join(out, 'index.html')).href);
  // The 3.6 MB page decodes its embedded data before it renders anything.
  await expect(page.getByText('PROTO — Protocol hygiene and hostile input')).toBeVisible({ timeout: 30_000 });
  await page.getByText('PROTO — Protocol hygiene and hostile input').click();
  await page.getByText('RS-PROTO-2 — Missing or blank parameters').click();
  await page.getByText('MUST check RS-PROTO-2 passes and handles a secret').first().click();
  await expect(page.getByText('requirement: RS-PROTO-2')).toBeVisible();
  await expect(page.getByText('Critical')).toBeVisible();
  await testInfo.attach('allure-test-page', { body: await page.screenshot(), contentType: 'image/png' });
});
