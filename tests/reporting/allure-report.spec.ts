import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { externalScripts } from '../../fixtures/reporting/allure-html';
import { scanForSecrets } from '../../fixtures/reporting/secret-scan';
import { reportCommand, runSample } from './helpers';
import { controlCharacters } from './markup';

test('the single-file Allure report opens from disk and shows requirement ids per test', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const secret = `allure-secret-${Date.now()}`;
  const run = runSample([], { SAMPLE_SECRET: secret });
  expect(run.exitCode, run.output).toBe(0);

  const out = join(run.dir, 'allure-report');
  // The same command a user runs (npm run report), on this run's reports directory.
  const gen = reportCommand(run.dir);
  expect(gen.status, gen.output).toBe(0);
  expect(readdirSync(out)).toContain('index.html');
  expect(existsSync(join(out, 'data'))).toBe(false);
  expect(scanForSecrets(out, [secret])).toEqual([]);
  expect(externalScripts(readFileSync(join(out, 'index.html'), 'utf8')), 'the page loads nothing from the network').toEqual([]);

  // Opened from disk, the page must not reach beyond it (no analytics, no CDN).
  const offDisk: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) offDisk.push(request.url());
  });
  await page.goto(pathToFileURL(join(out, 'index.html')).href);
  // The 3.6 MB page decodes its embedded data before it renders anything.
  await expect(page.getByText('PROTO — Protocol hygiene and hostile input')).toBeVisible({ timeout: 30_000 });
  await page.getByText('PROTO — Protocol hygiene and hostile input').click();
  await page.getByText('RS-PROTO-2 — Missing or blank parameters').click();
  await page.getByText('MUST check RS-PROTO-2 passes and handles a secret').first().click();
  await expect(page.getByText('requirement: RS-PROTO-2')).toBeVisible();
  await expect(page.getByText('Critical')).toBeVisible();
  expect(offDisk).toEqual([]);
  await testInfo.attach('allure-test-page', { body: await page.screenshot(), contentType: 'image/png' });
});

test('a hostile target’s error stays text in Allure: in the results and in the page, which loads nothing from it', async ({ page }) => {
  test.setTimeout(120_000);
  const run = runSample(['--grep', '@RS-PROTO-1'], { SAMPLE_MARKUP: '1' });
  expect(run.exitCode, run.output).toBe(1);
  const resultsDir = join(run.dir, 'allure-results');
  const results = readdirSync(resultsDir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as { statusDetails?: { message?: string } });
  const message = results[0]?.statusDetails?.message ?? '';
  expect(message, 'the payload is in the result, as a string').toContain('<img src=http://127.0.0.2:9/beacon>');
  expect(controlCharacters(message)).toEqual([]);

  const gen = reportCommand(run.dir);
  expect(gen.status, gen.output).toBe(0);
  const hostile: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('127.0.0.2') || request.url().startsWith('javascript:')) hostile.push(request.url());
  });
  await page.goto(pathToFileURL(join(run.dir, 'allure-report', 'index.html')).href);
  await expect(page.getByText('PROTO — Protocol hygiene and hostile input')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Search tests' }).fill('quotes a hostile target');
  await page.getByText('MUST check RS-PROTO-1 quotes a hostile target').first().click();
  // The forged markup is shown as the characters it is made of …
  await expect(page.getByText('[x](javascript:alert(1))').first()).toBeVisible();
  await expect(page.getByText('<img src=http://127.0.0.2:9/beacon>').first()).toBeVisible();
  // … and none of it became an image or a script link (Allure's page does turn plain http URLs in step titles into links: a click, never a load).
  expect(await page.locator('img[src*="127.0.0.2"], a[href^="javascript:"], [src^="javascript:"]').count()).toBe(0);
  expect(hostile).toEqual([]);
});
