import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserServer } from '@playwright/test';
import { chooseBrowser, CHROMIUM_ARGS } from '../../fixtures/browser';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { REPORTS_DIR } from '../../fixtures/paths';
import { FAULTS, FAULT_DESCRIPTIONS } from '../../fixtures/reference-op/faults';
import type { ConformanceReport } from '../../fixtures/reporting/verdict';
import { newReportsDir, runSuite } from '../harness/support';

/**
 * The kill matrix: the conformance suite against the embedded reference OP, once healthy and once
 * per named fault. A fault is "killed" when exactly its expected requirements turn FAIL (MUST) or
 * WARNING (SHOULD) compared with the healthy run, and exactly its expected ones turn ERROR.
 *
 * Per-test coverage (as mutation-testing tools do it): the healthy run records, for every test,
 * which fault points of the OP its requests reached (the OP is told the test id with each request).
 * Under a fault, only the code at that fault's points differs, and each point is asked only where
 * the deviation would act; so a test that reached none of them sent the same requests, got the same
 * answers and ends as it did against the healthy OP. Each fault's run therefore repeats only the
 * tests that reached one of its points — and always runs global setup (the preflight) for real,
 * with the fault on. Three cases rerun more: tests of the flag phase share the switched flags, so
 * a fault reached by any of them reruns the whole phase; a fault reached outside any request reruns
 * everything; a fault reached during global setup whose run then hands the tests other findings
 * than the healthy run did reruns everything. `KILL_MATRIX_FULL=1` reruns everything for every fault.
 */

/**
 * One browser for many suite runs: Playwright restarts a worker after every failed test, and a
 * fault that fails twenty tests would otherwise relaunch Chromium twenty times. Runs started side
 * by side can make different certificates (the OP's key cache is written by whichever finishes
 * last), so this shared browser skips certificate checks; the harness's HTTP clients still verify
 * every run's CA, and TLS trust itself is covered by the other self-tests.
 */
export function launchSharedBrowser(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: chooseBrowser().executablePath, args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'] });
}

export interface FaultRun {
  fault: string;
  /** Requirements that turned FAIL or WARNING (against the healthy run's verdicts). */
  failed: string[];
  /** Requirements that turned ERROR. */
  errors: string[];
  /** How many tests ran. */
  tests: number;
  exitCode: number | null;
  reportExitCode: number | null;
  durationMs: number;
  output: string;
}

/** What the healthy run saw: verdicts, the tests, and which fault points each test reached. */
export interface Coverage {
  verdicts: Record<string, string>;
  /** fault → ids of the tests whose requests reached one of its points. */
  tests: Record<string, string[]>;
  /** Faults reached by global setup (the preflight). */
  setup: string[];
  /** Faults reached outside any request. */
  outside: string[];
  /** Ids of the flag phase's tests and of every test. */
  flagPhase: string[];
  all: string[];
  /** The preflight's findings, to compare with a faulted run's. */
  findings: string;
  output: string;
  exitCode: number | null;
}

const COVERAGE_FILE = join(REPORTS_DIR, 'kill-matrix', 'coverage.json');

function readReport(reportsDir: string): ConformanceReport | undefined {
  const file = join(reportsDir, 'conformance.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport) : undefined;
}

/**
 * What the preflight hands the tests that could change how they behave: the discovery document
 * apart from the revocation claims, whether session_status is used, whether flags can be switched,
 * and which endpoint each check calls at which path. (Notes and whether a claim was advertised only
 * inform; the checks that read a claim reach its fault points themselves.)
 */
function findingsOf(report: ConformanceReport | undefined): string {
  const preflight = report?.target.preflight;
  if (!preflight) return JSON.stringify({ stopped: report?.stopped?.sentence ?? 'no report' });
  return JSON.stringify({
    discovery: report?.target.discoveryFingerprint,
    sessionStatus: preflight.sessionStatus.available,
    flagSwitch: preflight.flagSwitch.possible,
    endpoints: preflight.endpoints.map((e) => ({ name: e.name, provided: e.provided, judged: e.judged, path: new URL(e.url).pathname })),
  });
}

const env = (browserWsEndpoint: string | undefined, fault: string | undefined): Record<string, string> => ({
  JANS_EMBEDDED_FAULTS: fault ?? '',
  // One worker: faults such as revoke-other-user-too act on every session the OP holds.
  JANS_WORKERS: '1',
  ...(browserWsEndpoint ? { JANS_SELFTEST_BROWSER_WS: browserWsEndpoint } : {}),
});

/** The healthy run, recording which fault points every test reaches. */
export async function recordCoverage(browserWsEndpoint?: string): Promise<Coverage> {
  const reportsDir = newReportsDir();
  const points = join(reportsDir, 'fault-points.tsv');
  const run = await runSuite([], { ...env(browserWsEndpoint, undefined), JANS_SELFTEST_FAULT_POINTS: points }, { reportsDir });
  const report = readReport(reportsDir);
  const tests: Record<string, Set<string>> = {};
  const setup = new Set<string>();
  const outside = new Set<string>();
  for (const line of existsSync(points) ? readFileSync(points, 'utf8').split('\n').filter(Boolean) : []) {
    const [test = '', fault = ''] = line.split('\t');
    if (test === 'setup') setup.add(fault);
    else if (test === 'outside') outside.add(fault);
    else (tests[fault] ??= new Set()).add(test);
  }
  const records = report ? [...report.requirements.flatMap((r) => r.tests), ...report.unmappedTests] : [];
  const ids = (which: (project: string) => boolean) => [...new Set(records.filter((t) => t.id && which(t.project)).map((t) => t.id as string))];
  const coverage: Coverage = {
    verdicts: Object.fromEntries((report?.requirements ?? []).map((r) => [r.id, r.verdict])),
    tests: Object.fromEntries(Object.entries(tests).map(([fault, set]) => [fault, [...set]])),
    setup: [...setup],
    outside: [...outside],
    flagPhase: ids((project) => project === 'feature-flag'),
    all: ids(() => true),
    findings: findingsOf(report),
    output: run.output,
    exitCode: run.code,
  };
  mkdirSync(join(REPORTS_DIR, 'kill-matrix'), { recursive: true });
  writeFileSync(COVERAGE_FILE, JSON.stringify(coverage, null, 2));
  return coverage;
}

export function readCoverage(): Coverage {
  return JSON.parse(readFileSync(COVERAGE_FILE, 'utf8')) as Coverage;
}

/** The tests a fault's run repeats (undefined: all of them). */
export function selectionFor(fault: string, coverage: Coverage): { tests: string[]; flagPhase: boolean } | undefined {
  if (process.env.KILL_MATRIX_FULL === '1' || coverage.outside.includes(fault)) return undefined;
  const reached = coverage.tests[fault] ?? [];
  const flagPhase = reached.some((id) => coverage.flagPhase.includes(id));
  return { tests: reached.filter((id) => !coverage.flagPhase.includes(id)), flagPhase };
}

const BAD = new Set(['FAIL', 'WARNING']);

/** Runs the suite against the OP with `fault` on, repeating the selected tests (or all). */
export async function runWithFault(fault: string, coverage: Coverage, browserWsEndpoint?: string): Promise<FaultRun> {
  const started = Date.now();
  const run = async (selection: { tests: string[]; flagPhase: boolean } | undefined) => {
    const reportsDir = newReportsDir();
    const args: string[] = [];
    if (selection) {
      // A trivial check keeps global setup (the preflight) running with the fault on when no test reached it.
      const tests = selection.tests.length > 0 || selection.flagPhase ? selection.tests : coverage.all.slice(0, 1);
      const flagOnly = selection.flagPhase && tests.length === 0;
      const file = join(reportsDir, 'selection.json');
      writeFileSync(file, JSON.stringify({ status: 'failed', failedTests: flagOnly ? coverage.flagPhase : tests }));
      args.push('--last-failed', '--last-failed-file', file);
      // The flag phase alone: its own project. With other tests it runs whole, as their teardown; without
      // it, the projects lose their teardown link so that the id list filters both.
      if (flagOnly) args.push('--project', 'feature-flag');
      else if (!selection.flagPhase) args.push('--no-deps');
    }
    const result = await runSuite(args, env(browserWsEndpoint, fault), { reportsDir });
    return { result, report: readReport(reportsDir) };
  };
  const selection = selectionFor(fault, coverage);
  let { result, report } = await run(selection);
  // Global setup saw the fault and handed the tests other findings: every test may behave differently.
  if (selection && coverage.setup.includes(fault) && !report?.stopped && findingsOf(report) !== coverage.findings) ({ result, report } = await run(undefined));
  const verdicts = Object.fromEntries((report?.requirements ?? []).map((r) => [r.id, r.verdict]));
  const turned = (to: (v: string) => boolean) => REQUIREMENTS.map((r) => r.id).filter((id) => to(verdicts[id] ?? 'NOT_RUN') && !to(coverage.verdicts[id] ?? 'NOT_RUN'));
  return {
    fault,
    failed: report ? turned((v) => BAD.has(v)) : ['(no conformance report)'],
    errors: report ? turned((v) => v === 'ERROR') : [],
    tests: report?.counts.tests ?? 0,
    exitCode: result.code,
    reportExitCode: report?.exitCode ?? null,
    durationMs: Date.now() - started,
    output: result.output,
  };
}

export function matrixMarkdown(expected: Record<string, readonly string[]>, errors: Record<string, readonly string[]> = {}): string {
  const lines = [
    '# Kill matrix',
    '',
    'Generated by `npm run kill-matrix` from `tests/kill-matrix/expected.ts`, which `npm test` checks',
    'against real runs: the conformance suite runs against the embedded reference OP once healthy and',
    'once per named fault, and exactly the marked requirements must turn FAIL (MUST) or WARNING',
    '(SHOULD) — and exactly the listed ones ERROR. Every MUST requirement is the target of at least',
    'one fault.',
    '',
    '## How a fault run can skip tests, and why nothing is missed',
    '',
    'Each fault is one deviation, written in the reference OP as `has(ctx, fault)` at the point where',
    'it acts, and that point is asked only where the deviation would change what happens. The healthy',
    'run records, per test, which fault points its requests reached (the harness sends the test id',
    'with every request, the browser\'s too). Under a fault only the code at its points differs, so a',
    'test that reached none of them sends the same requests, gets the same answers and ends exactly',
    'as in the healthy run: a fault\'s run repeats only the tests that reached one of its points, and',
    'takes the healthy verdicts for the rest. Every fault run still runs global setup (the preflight)',
    'with the fault on. It reruns everything when the fault was reached outside any request, or when',
    'global setup reached it and then handed the tests other findings than in the healthy run; tests',
    'of the flag phase share the switched flags, so a fault reached by any of them reruns the whole',
    'phase. `KILL_MATRIX_FULL=1 npm test` reruns every test for every fault.',
    '',
  ];
  const endpoints = [
    { prefix: 'RS-', title: 'revoke_session' },
    { prefix: 'GTR-', title: 'Global Token Revocation' },
  ];
  for (const { prefix, title } of endpoints) {
    const ids = REQUIREMENTS.map((r) => r.id).filter((id) => id.startsWith(prefix));
    const faults = FAULTS.filter((f) => (expected[f] ?? []).some((id) => id.startsWith(prefix)) || (f.startsWith('gtr-') === (prefix === 'GTR-')));
    lines.push(`## ${title}`, '', `| fault | what it breaks | ${ids.map((id) => id.replace(prefix, '')).join(' | ')} |`, `|---|---|${ids.map(() => ':-:').join('|')}|`);
    for (const fault of faults) {
      const killed = new Set(expected[fault] ?? []);
      const errored = new Set(errors[fault] ?? []);
      lines.push(`| \`${fault}\` | ${FAULT_DESCRIPTIONS[fault]} | ${ids.map((id) => (killed.has(id) ? '✗' : errored.has(id) ? 'E' : '')).join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('✗ turns FAIL or WARNING; E turns ERROR (the fault breaks something a check arranges).', '', '| requirement | level | killed by |', '|---|---|---|');
  for (const r of REQUIREMENTS) {
    const by = FAULTS.filter((f) => (expected[f] ?? []).includes(r.id));
    lines.push(`| ${r.id} | ${r.level} | ${by.map((f) => `\`${f}\``).join(', ') || '—'} |`);
  }
  return `${lines.join('\n')}\n`;
}
