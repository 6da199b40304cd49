import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { MARKUP_PAYLOAD } from '../../fixtures/reference-op/hostile/markup';
import { scanForSecrets, zipMembers } from '../../fixtures/reporting/secret-scan';
import { freshSecret, runSample, verdicts } from './helpers';
import { controlCharacters, markupProblems, xmlWellFormed } from './markup';

/**
 * The conformance reporter run for real, as in reporter.spec.ts: what the reports of a nested run
 * must never carry whatever the tests and the target put in them — a secret (registered in the
 * runner or only in a worker, printed, attached, in a blob report), markup, control characters —
 * and the proof that the secret scan would see a leak.
 */
test.describe.configure({ mode: 'parallel' });

test('Allure results carry requirement labels and no secret', () => {
  const secret = freshSecret();
  const run = runSample(['--grep', '@RS-PROTO-2'], { SAMPLE_SECRET: secret });
  expect(run.exitCode, run.output).toBe(0);
  const dir = join(run.dir, 'allure-results');
  const results = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { labels: Array<{ name: string; value: string }> });
  expect(results).toHaveLength(1);
  const labels = results[0]?.labels ?? [];
  const of = (name: string) => labels.filter((l) => l.name === name).map((l) => l.value);
  expect(of('epic')).toEqual(['revoke_session']);
  expect(of('feature')).toEqual(['PROTO — Protocol hygiene and hostile input']);
  expect(of('story')).toEqual([
    'RS-PROTO-2 — Missing or blank parameters → no 5xx and nothing revoked',
    "RS-PROTO-5 — Every OAuth error answer of the endpoint (401, 403) is a JSON object with a string error; a container's 405 is exempt",
  ]);
  expect(of('severity')).toEqual(['critical']);
  expect(of('tag')).toEqual(['RS-PROTO-2', 'RS-PROTO-5']);
  expect(scanForSecrets(run.dir, [secret])).toEqual([]);
});

test('with redaction switched off (self-test kill switch) the secret scan finds the leak', () => {
  const secret = freshSecret();
  const run = runSample(['--grep', '@RS-PROTO-2'], { SAMPLE_SECRET: secret, JANS_DISABLE_REDACTION: 'unsafe-self-test' });
  expect(run.exitCode, run.output).toBe(0);
  const files = scanForSecrets(run.dir, [secret]).map((h) => h.file.slice(run.dir.length + 1));
  expect(files).toContain('conformance.json');
  expect(files.some((f) => f.startsWith('allure-results/') && f.endsWith('-attachment.json'))).toBe(true);
});

test('JUnit embeds test stdout; keyed secrets printed there are redacted before it is written', () => {
  const secret = freshSecret();
  const run = runSample(['--grep', '@RS-PROTO-2'], { SAMPLE_SECRET: secret, SAMPLE_PRINT_SECRET: '1' });
  expect(run.exitCode, run.output).toBe(0);
  const junit = readFileSync(join(run.dir, 'junit.xml'), 'utf8');
  expect(junit).toContain('debug: client_secret=[REDACTED]');
  expect(xmlWellFormed(junit)).toBe(true);
  expect(scanForSecrets(run.dir, [secret])).toEqual([]);
});

/** Every file of a reports directory (zip members too) as text, by path. */
function reportTexts(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.zip')) for (const m of zipMembers(readFileSync(path))) out.push([`${path}!${m.name}`, m.data.toString('utf8')]);
      else out.push([path, readFileSync(path, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

test('a hostile target cannot write into the reports: markup stays text, no control character anywhere, junit.xml parses, the credentials beside it are gone', () => {
  const secret = freshSecret();
  const run = runSample(['--grep', '@RS-PROTO-1'], { SAMPLE_MARKUP: '1', SAMPLE_SECRET: secret, SAMPLE_BLOB_REPORT: '1' });
  expect(run.exitCode, run.output).toBe(1);
  const md = readFileSync(join(run.dir, 'conformance.md'), 'utf8');
  expect(markupProblems(md)).toEqual([]);
  expect(md, 'the payload reached the report, as text').toContain('[x](javascript:alert(1))');
  const junit = readFileSync(join(run.dir, 'junit.xml'), 'utf8');
  expect(xmlWellFormed(junit)).toBe(true);
  expect(junit, 'the failure is in JUnit').toContain('<failure');
  const texts = reportTexts(run.dir);
  expect(
    texts.some(([file]) => file.includes('blob') && file.endsWith('.jsonl')),
    'the blob report is searched too',
  ).toBe(true);
  expect(texts.filter(([, text]) => controlCharacters(text).length > 0).map(([file, text]) => `${file}: ${controlCharacters(text).join(' ')}`)).toEqual([]);
  expect(controlCharacters(run.output), 'the console').toEqual([]);
  const creds = Buffer.from(`client-1:${secret}`).toString('base64');
  expect(scanForSecrets(run.dir, [secret, creds])).toEqual([]);
  // The test's own stdout lines (`> …`, `< …`) are printed live by the list reporter (see hygiene-reporter.ts); the rest is judged.
  const console = run.output
    .split('\n')
    .filter((line) => !/^[<>] /.test(line))
    .join('\n');
  expect(console).not.toContain(secret);
  expect(console).not.toContain(creds);
});

test('a run its preflight stopped with a hostile sentence prints it on one line, as text', () => {
  const sentence = `The Config API refused the harness:${MARKUP_PAYLOAD}`;
  const run = runSample(['--grep', '@RS-DISC-1'], { SAMPLE_STOPPED: 'incomplete', SAMPLE_STOPPED_SENTENCE: sentence });
  expect(run.exitCode, run.output).toBe(2);
  expect(controlCharacters(run.output)).toEqual([]);
  expect(run.output).toMatch(/^INCOMPLETE: The Config API refused the harness: # ✅ PASS <img [^\n]*\| fake \| row \|$/m);
  const md = readFileSync(join(run.dir, 'conformance.md'), 'utf8');
  expect(markupProblems(md)).toEqual([]);
  expect(run.report().stopped?.sentence).not.toContain('\n');
});

test('a secret only a worker registered is redacted by the runner too: errors, annotations, step titles, attachment names, blob report, console', () => {
  const secret = `wrk-${randomBytes(16).toString('base64url')}`;
  const run = runSample(['--grep', '@RS-REV-1'], { SAMPLE_WORKER_SECRET: secret, SAMPLE_BLOB_REPORT: '1' });
  expect(run.exitCode, run.output).toBe(1);
  expect(verdicts(run.report())['RS-REV-1'], 'the failure is reported').toBe('FAIL');
  expect(readFileSync(join(run.dir, 'junit.xml'), 'utf8'), 'with the value, redacted').toContain('got [REDACTED]');
  expect(existsSync(join(run.dir, 'blob'))).toBe(true);
  expect(scanForSecrets(run.dir, [secret]).map((h) => h.file.slice(run.dir.length + 1))).toEqual([]);
  expect(run.output).not.toContain(secret);
  expect(
    readdirSync(join(run.dir, '.run')).filter((f) => f.startsWith('secret-digests-')),
    'the digests are gone with the run',
  ).toEqual([]);
});
