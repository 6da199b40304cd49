import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { parse } from 'dotenv';
import { loadConfig } from '../../fixtures/config';
import { VARIABLES } from '../../fixtures/config-variables';
import { PROJECT_ROOT, WORK_DIR } from '../../fixtures/paths';
import { consoleReporters } from '../../fixtures/run/user-reporters';
import { generalHelp } from '../../cli/help';
import { dotenvText } from '../../cli/init';
import { lastFailed } from '../../cli/last-failed';
import { flagOf, splitSettings, UsageError } from '../../cli/settings';
import { runIn } from './command';
import type { ConformanceSummary } from './support';

/**
 * The command (cli/): settings as flags, `--last-failed`, `--reporter`, `init`, and its refusals.
 * The installed package is package.spec.ts's.
 */

const COMMAND = join(PROJECT_ROOT, 'cli', 'jans-revocation-conformance.mjs');
const workFolder = () => mkdtempSync(join(tmpdir(), 'rs-cli-'));
const command = (cwd: string, args: string[]) => runIn(cwd, process.execPath, [COMMAND, ...args]);

test('every setting is a flag of the same name, and the help lists them all', () => {
  const help = generalHelp();
  for (const variable of Object.keys(VARIABLES)) expect(help).toContain(`${flagOf(variable)} `);
  expect(flagOf('JANS_ADMIN_CLIENT_SECRET')).toBe('--admin-client-secret');
  const { settings, rest } = splitSettings(['--grep', 'RS-REV', '--issuer=https://a.example', '--workers', '2', '--project', 'conformance', '--grace-ms=']);
  expect(settings).toEqual({ JANS_ISSUER: 'https://a.example', JANS_WORKERS: '2', JANS_GRACE_MS: '' });
  expect(rest, 'the rest in its order, for Playwright').toEqual(['--grep', 'RS-REV', '--project', 'conformance']);
  expect(() => splitSettings(['--issuer'])).toThrow(UsageError);
  expect(() => splitSettings(['--issuer', '--grep', 'x'])).toThrow(/--issuer needs a value/);
  expect(() => splitSettings(['--issuer=a', '--issuer=b'])).toThrow(/given twice/);
});

test('--reporter takes the console slot only; a reporter file is named from the work folder', () => {
  // By default (CI too) the harness's console of verdicts; `verdicts` names it beside others.
  expect(consoleReporters({})).toEqual([['./fixtures/reporting/console-reporter.ts']]);
  expect(consoleReporters({ CI: '1' })).toEqual([['./fixtures/reporting/console-reporter.ts']]);
  expect(consoleReporters({ JANS_REPORTER: 'dot, ./mine.ts' })).toEqual([['dot'], [join(WORK_DIR, 'mine.ts')]]);
  expect(consoleReporters({ JANS_REPORTER: 'verdicts,list' })).toEqual([['./fixtures/reporting/console-reporter.ts'], ['list']]);
});

function previousReport(verdicts: Record<string, string>, flagPhase: string[] = []): string {
  const dir = workFolder();
  const file = join(dir, 'conformance.json');
  const requirements = Object.entries(verdicts).map(([id, verdict]) => ({
    id,
    verdict,
    tests: [{ project: flagPhase.includes(id) ? 'feature-flag' : 'conformance' }],
  }));
  writeFileSync(file, JSON.stringify({ requirements }));
  return file;
}

test('--last-failed selects the requirements that did not pass, by id tags that do not match longer ids', () => {
  const rerun = lastFailed(
    previousReport({ 'RS-REV-1': 'FAIL', 'RS-REV-10': 'PASS', 'GTR-TOK-2': 'ERROR', 'RS-DISC-5': 'SKIPPED', 'GTR-AUTH-1': 'NOT_RUN', 'RS-AUTH-7': 'INFO' }),
  );
  expect(rerun.requirements.map((r) => r.id)).toEqual(['RS-REV-1', 'GTR-TOK-2', 'GTR-AUTH-1']);
  const grep = new RegExp(rerun.grep as string);
  expect(grep.test('what a successful revocation does @RS-AUTH-5 @RS-REV-1 @RS-REV-2')).toBe(true);
  expect(grep.test('idempotence @RS-REV-10')).toBe(false);
  expect(grep.test('tokens @GTR-TOK-2')).toBe(true);
  expect(grep.test('a title naming RS-REV-1 without its tag')).toBe(false);

  const none = lastFailed(previousReport({ 'RS-REV-1': 'PASS', 'RS-FLAG-6': 'EXPECTED_FAIL' }));
  expect(none.grep).toBeUndefined();
  const phase = lastFailed(previousReport({ 'RS-FLAG-1': 'PASS', 'RS-FLAG-6': 'WARNING', 'RS-REV-1': 'PASS' }, ['RS-FLAG-1', 'RS-FLAG-6']));
  expect(phase.withFlagPhase, 'the flag phase reruns whole: its checks build on one another').toEqual(['RS-FLAG-1']);
  expect(new RegExp(phase.grep as string).test('@RS-REV-1')).toBe(false);
  expect(() => lastFailed(join(workFolder(), 'absent.json'))).toThrow(/does not exist: run the suite first/);
});

test('init writes a commented .env and a target file for the flags given, readable by their owner only, and never overwrites', async () => {
  const dir = workFolder();
  const made = await command(dir, [
    'init',
    '--issuer',
    'https://jans.example.com/',
    '--target-file=./target.yaml',
    '--login-failure-text',
    "Couldn't log in # 1",
  ]);
  expect(made.code, made.output).toBe(0);
  const env = parse(readFileSync(join(dir, '.env')));
  expect(env).toEqual({ JANS_ISSUER: 'https://jans.example.com/', JANS_TARGET_FILE: './target.yaml', JANS_LOGIN_FAILURE_TEXT: "Couldn't log in # 1" });
  const text = readFileSync(join(dir, '.env'), 'utf8');
  for (const [variable, meaning] of Object.entries(VARIABLES)) expect(text, variable).toContain(`# ${meaning}`);
  expect(text).toContain('# JANS_ADMIN_CLIENT_SECRET=');
  expect(readFileSync(join(dir, 'target.yaml'), 'utf8')).toMatch(/^issuer: "https:\/\/jans\.example\.com"$/m);
  for (const file of ['.env', 'target.yaml']) expect(statSync(join(dir, file)).mode & 0o077, `${file} is private`).toBe(0);
  // What it wrote is a valid static-mode configuration (paths from that folder).
  expect(loadConfig({ ...env, JANS_TARGET_FILE: join(dir, 'target.yaml') }).mode).toBe('static');

  const again = await command(dir, ['init', '--issuer', 'https://other.example.com']);
  expect(again.code).toBe(2);
  expect(again.output).toMatch(/\.env exists; init never overwrites it/);
  expect(parse(readFileSync(join(dir, '.env'))).JANS_ISSUER).toBe('https://jans.example.com/');

  const invalid = await command(workFolder(), ['init', '--issuer', 'https://jans.example.com']);
  expect(invalid.code, 'an issuer without admin client or target file is no configuration').toBe(2);
  expect(invalid.output).toMatch(/neither JANS_ADMIN_CLIENT_ID/);
  expect(() => dotenvText({ JANS_ACR_VALUES: 'a\nb' })).toThrow(/cannot be written to .env safely/);
});

test('mistakes on the command line end with one sentence and exit code 2, before anything starts', async () => {
  const dir = workFolder();
  for (const [args, sentence] of [
    [['prefligt'], /prefligt is not a command/],
    [['run', '--last-failed'], /--last-failed reads the previous run's .*conformance\.json, which does not exist/],
    [['--last-failed', '--grep', 'RS-REV'], /--last-failed selects by --grep itself/],
    [['preflight', '--issuer'], /--issuer needs a value/],
    [['preflight', '--issuer=https://jans.example.com'], /neither JANS_ADMIN_CLIENT_ID/],
    [['certify'], /conformance\.json is missing: run the suite first/],
    [['verify'], /name the package to verify/],
    [['verify', 'nothing.zip'], /nothing\.zip does not exist/],
  ] as const) {
    const result = await command(dir, [...args]);
    expect(result.code, `${args.join(' ')}: ${result.output}`).toBe(2);
    expect(result.output).toMatch(sentence);
    expect(result.output, 'no stack trace').not.toMatch(/\n\s+at /);
  }
});

test('run --last-failed reruns what did not pass last time, and --reporter keeps the harness reporters', async () => {
  test.setTimeout(180_000);
  const dir = workFolder();
  mkdirSync(join(dir, 'reports'));
  const previous = {
    requirements: [
      { id: 'RS-DISC-1', verdict: 'FAIL' },
      { id: 'RS-DISC-2', verdict: 'WARNING' },
      { id: 'RS-DISC-3', verdict: 'PASS' },
    ],
  };
  writeFileSync(join(dir, 'reports', 'conformance.json'), JSON.stringify(previous));
  const run = await command(dir, ['run', '--last-failed', '--reporter=dot']);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain(
    '--last-failed: rerunning the 2 requirement(s) that did not pass in reports/conformance.json (FAIL RS-DISC-1; WARNING RS-DISC-2).',
  );
  const report = JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as ConformanceSummary;
  expect(report.requirements.filter((r) => r.verdict !== 'NOT_RUN').map((r) => `${r.id} ${r.verdict}`)).toEqual(['RS-DISC-1 PASS', 'RS-DISC-2 PASS']);
  expect(run.output, "the harness's own summary is still printed").toMatch(/Conformance: PASS \(exit code 0\)/);
  expect(run.output, "dot's output, not list's").not.toMatch(/✓ {2}1 \[conformance\]/);
  for (const file of ['junit.xml', 'allure-results', 'conformance.md']) expect(existsSync(join(dir, 'reports', file)), file).toBe(true);
});
