/**
 * `report`: <reports>/allure-results → <reports>/allure-report/index.html, one file that opens from
 * disk (allurerc.mjs), with the Allure page's analytics tag removed. Allure's "awesome" report
 * always embeds Google Tag Manager; a conformance report must not call out of the network it is
 * opened in (and, offline, the failing lookup held up rendering).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT, REPORTS_DIR } from '../fixtures/paths';
import { externalScripts, stripAnalytics } from '../fixtures/reporting/allure-html';
import { dependencyFile, runChild } from './processes';

export async function report(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error(`report takes no arguments but settings (see --help): ${args.join(' ')}`);
    return 2;
  }
  const results = join(REPORTS_DIR, 'allure-results');
  if (!existsSync(results)) {
    console.error(`There are no Allure results in ${results}: run the suite first (JANS_REPORTS_DIR names another reports folder).`);
    return 2;
  }
  const out = join(REPORTS_DIR, 'allure-report');
  // Allure's package exports no path to its command; it sits beside dist/ (package.json `bin`).
  const allure = join(dirname(dirname(dependencyFile('allure'))), 'cli.js');
  const generated = await runChild(process.execPath, [allure, 'generate', results, '-c', join(PROJECT_ROOT, 'allurerc.mjs'), '-o', out]);
  if (generated !== 0) return generated;

  const page = join(out, 'index.html');
  const html = stripAnalytics(readFileSync(page, 'utf8'));
  const remaining = externalScripts(html);
  if (remaining.length > 0) {
    console.error(`The Allure page still loads scripts from the network (${remaining.join(', ')}); not writing it.`);
    return 1;
  }
  writeFileSync(page, html);
  console.log(`Allure report: ${page}`);
  return 0;
}
