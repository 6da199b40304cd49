import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { zipMembers } from '../../fixtures/reporting/secret-scan';
import { controlCharacters, markupProblems, xmlWellFormed } from '../reporting/markup';
import { readConformance, runSuite } from './support';

/**
 * The conformance suite against the embedded reference OP in hostile mode: every error body it
 * sends (OAuth errors, oidc-provider's, the Config API's) and a discovery value the report quotes
 * carry a forged `# ✅ PASS` heading, an image that beacons to another loopback host, a
 * javascript: link, terminal escapes (retitle, clear screen), a bidi override and a forged table
 * row. The checks that quote error values and discovery run (a subset, for time); the verdicts do
 * not matter here (the errors are not Janssen's), the reports do: conformance.md renders none of
 * it as markup, no report file (blob report included) and no console line carries a control
 * character, junit.xml parses.
 */
const CHECKS = 'RS-PROTO-5|GTR-PROTO-6|GTR-DISC-3|RS-AUTH-1|GTR-PROTO-3';

function filesOf(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const data = readFileSync(path);
    if (entry.name.endsWith('.zip')) for (const m of zipMembers(data)) out.push([`${path}!${m.name}`, m.data.toString('utf8')]);
    else out.push([path, data.toString('utf8')]);
  }
  return out;
}

test('a target that sends markup and terminal escapes in its errors and discovery cannot write into the reports or the console', async () => {
  test.setTimeout(300_000);
  // Without colours, so that every escape byte on the console would be the target's.
  const run = await runSuite(['--grep', CHECKS], { JANS_EMBEDDED_HOSTILE: 'markup-errors,markup-discovery', JANS_BLOB_REPORT: '1', FORCE_COLOR: '0' });
  expect([0, 1], run.output.slice(-3000)).toContain(run.code);
  const report = readConformance(run.reportsDir);
  const quoted = report.requirements.flatMap((r) => [r.reason ?? '', ...r.evidence]).join('\n');
  expect(quoted, 'the target’s payload reached the report (as data), or this test proves nothing').toContain('[x](javascript:alert(1))');
  expect(quoted).toContain('<img src=http://127.0.0.2:9/beacon>');

  const md = readFileSync(join(run.reportsDir, 'conformance.md'), 'utf8');
  expect(markupProblems(md)).toEqual([]);
  expect(
    md.split('\n').filter((line) => /^\s*#+\s*✅ PASS\s*$/.test(line)),
    'no forged heading line',
  ).toEqual([]);
  expect(
    md.split('\n').filter((line) => /^\|\s*fake\s*\|/.test(line)),
    'no forged table row',
  ).toEqual([]);

  const junit = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
  expect(xmlWellFormed(junit)).toBe(true);

  const files = filesOf(run.reportsDir);
  expect(
    files.some(([f]) => f.endsWith('.jsonl')),
    'the blob report is searched',
  ).toBe(true);
  expect(files.filter(([, text]) => controlCharacters(text).length > 0).map(([f, text]) => `${f}: ${controlCharacters(text).join(' ')}`)).toEqual([]);
  expect(controlCharacters(run.output), 'the console').toEqual([]);
});
