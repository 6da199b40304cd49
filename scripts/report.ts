/**
 * `npm run report`: <reports>/allure-results → <reports>/allure-report/index.html, one file that
 * opens from disk (allurerc.mjs), with the Allure page's analytics tag removed. Allure's "awesome"
 * report always embeds Google Tag Manager; a conformance report must not call out of the network
 * it is opened in (and, offline, the failing lookup held up rendering).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT, REPORTS_DIR } from '../fixtures/paths';
import { externalScripts, stripAnalytics } from '../fixtures/reporting/allure-html';

const out = join(REPORTS_DIR, 'allure-report');
const generated = spawnSync(
  process.execPath,
  [resolve(PROJECT_ROOT, 'node_modules/allure/cli.js'), 'generate', join(REPORTS_DIR, 'allure-results'), '-c', join(PROJECT_ROOT, 'allurerc.mjs'), '-o', out],
  { cwd: PROJECT_ROOT, stdio: 'inherit' },
);
if (generated.status !== 0) process.exit(generated.status ?? 1);

const page = join(out, 'index.html');
const html = stripAnalytics(readFileSync(page, 'utf8'));
const remaining = externalScripts(html);
if (remaining.length > 0) {
  console.error(`The Allure page still loads scripts from the network (${remaining.join(', ')}); not writing it.`);
  process.exit(1);
}
writeFileSync(page, html);
console.log(`Allure report: ${page}`);
