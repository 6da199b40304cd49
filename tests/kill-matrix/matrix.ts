import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserServer } from '@playwright/test';
import { chooseBrowser, CHROMIUM_ARGS } from '../../fixtures/browser';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { REPORTS_DIR } from '../../fixtures/paths';
import { FLAG_SWITCH_TAG } from '../../fixtures/flows/flag-phase';
import { FAULT_DESCRIPTIONS, MATRIX_FAULTS, TOPOLOGY_FAULTS } from '../../fixtures/reference-op/faults';
import { buildReport, type ConformanceReport, type TestRecord } from '../../fixtures/reporting/verdict';
import { newReportsDir, runSuite } from '../harness/support';
import { EXPECTED_STOPS, GATES } from './expected';

/**
 * The kill matrix: the conformance suite against the embedded reference OP, once healthy and once
 * under each named fault. A fault is "killed" when exactly its expected requirements turn FAIL
 * (MUST) or WARNING (SHOULD) compared with the healthy run, and exactly its expected ones ERROR.
 *
 * Per-test coverage (as mutation-testing tools do it): the healthy run records, for every test,
 * which fault points of the OP its requests reached (the OP is told the test id with each request).
 * Under a fault, only the code at that fault's points differs, and each point is asked only where
 * the deviation would act; so a test that reached none of them sends the same requests, gets the
 * same answers and ends as it did against the healthy OP. A fault is therefore judged on the tests
 * that reached one of its points, their records merged into the healthy run's — always with global
 * setup (the preflight) run for real with the fault on. The flag phase always runs whole, its tests
 * sharing the switched flags; the switch's own requests carry their own tag, and a fault they reach
 * owns every test of the phase. A fault reached outside any request, or reached by global setup
 * which then hands the tests other findings than the healthy run's, repeats every test.
 *
 * Faults that reached no test in common (global setup counting as one) share a run. That run records the points again: where a test reached the points of a
 * fault it does not belong to, the faults concerned are judged again alone — so is every fault of
 * a run whose preflight handed the tests other findings. `KILL_MATRIX_FULL=1` runs every fault
 * alone on every test.
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
  /** Of `failed`, those that turned FAIL (a MUST broken; a MUST's SHOULD part missed turns WARNING). */
  failedMust: string[];
  /** Set when the run stopped at the preflight: its kind and sentence. */
  stopped?: { kind: string; sentence: string };
  /** How it was judged: in a batch with other faults, alone on the tests it reached, or on every test. */
  how: 'batch' | 'alone' | 'whole';
  /** The other faults of its batch. */
  together: string[];
  /** How many tests its run repeated (a batch's: all the batch's). */
  tests: number;
  /** The exit code of the process that ran it and the one its report stated. */
  exitCode: number | null;
  reportExitCode: number | null;
  /** The exit code of the verdicts with its run's tests in place of the healthy ones. */
  verdictExitCode: number | null;
  durationMs: number;
  output: string;
}

/** What the healthy run saw: verdicts, the tests, and which fault points each test reached. */
export interface Coverage {
  verdicts: Record<string, string>;
  /** Every test's record, to merge with a faulted run's. */
  records: TestRecord[];
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
  /** The fault runs: batches of faults that reached no shared test (tests/kill-matrix/matrix.ts). */
  plan: string[][];
  output: string;
  exitCode: number | null;
}

const MATRIX_DIR = join(REPORTS_DIR, 'kill-matrix');
const COVERAGE_FILE = join(MATRIX_DIR, 'coverage.json');
const RESULTS_DIR = join(MATRIX_DIR, 'results');
/** At most this many faults share a run: a contaminated batch reruns each of them alone. */
const MAX_BATCH = 6;
/** What a suite run costs besides its tests (start, global setup, teardown), for planning only. */
const RUN_OVERHEAD_MS = 5_000;
/** Units of coverage besides tests: global setup, requests outside any (a timer), and the flag switch (FLAG_SWITCH_TAG). */
const SETUP = 'setup';
const OUTSIDE = 'outside';

function readReport(reportsDir: string): ConformanceReport | undefined {
  const file = join(reportsDir, 'conformance.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport) : undefined;
}

/** Every test's record in a report, once each. */
function recordsOf(report: ConformanceReport | undefined): TestRecord[] {
  const byId = new Map<string, TestRecord>();
  for (const t of report ? [...report.requirements.flatMap((r) => r.tests), ...report.unmappedTests] : []) if (t.id) byId.set(t.id, t);
  return [...byId.values()];
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

/** Which faults' points each unit (a test id, "setup" or "outside") reached, from a run's recording. */
function readPoints(file: string): Map<string, Set<string>> {
  const reached = new Map<string, Set<string>>();
  for (const line of existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []) {
    const [unit = '', fault = ''] = line.split('\t');
    if (!reached.has(unit)) reached.set(unit, new Set());
    reached.get(unit)?.add(fault);
  }
  return reached;
}

/** The matrix reads the conformance report; JUnit and Allure results would only cost time. */
const REPORTERS = ['--reporter', 'list,./fixtures/run/selection-reporter.ts,./fixtures/reporting/conformance-reporter.ts'];

const env = (browserWsEndpoint: string | undefined, faults: string[], points?: string): Record<string, string> => ({
  JANS_EMBEDDED_FAULTS: faults.join(','),
  // One worker: faults such as revoke-other-user-too act on every session the OP holds.
  JANS_WORKERS: '1',
  ...(points ? { JANS_SELFTEST_FAULT_POINTS: points } : {}),
  ...(browserWsEndpoint ? { JANS_SELFTEST_BROWSER_WS: browserWsEndpoint } : {}),
});

/** A unit of coverage as the tests it stands for: the flag switch stands for itself and every test of the phase. */
function expand(unit: string, coverage: Pick<Coverage, 'flagPhase'>): string[] {
  return unit === FLAG_SWITCH_TAG ? [unit, ...coverage.flagPhase] : [unit];
}

/** The units a fault's run must repeat: the tests that reached its points, global setup, the flag switch (the whole phase). */
function unitsOf(fault: string, coverage: Pick<Coverage, 'tests' | 'setup' | 'flagPhase'>): Set<string> {
  const units = new Set((coverage.tests[fault] ?? []).flatMap((id) => expand(id, coverage)));
  if (coverage.setup.includes(fault)) units.add(SETUP);
  return units;
}

/** The tests a run repeats for these units; the flag phase always whole (its tests share the switched flags). */
function selectionOf(units: Iterable<string>, coverage: Pick<Coverage, 'flagPhase'>): { tests: string[]; flagPhase: boolean } {
  const all = [...units];
  const flag = (u: string) => u === FLAG_SWITCH_TAG || coverage.flagPhase.includes(u);
  return { tests: [...new Set(all.filter((u) => u !== SETUP && !flag(u)))], flagPhase: all.some(flag) };
}

/** A fault that repeats every test: reached outside any request, or every fault under KILL_MATRIX_FULL=1. */
function runsWhole(fault: string, coverage: Pick<Coverage, 'outside'>): boolean {
  return process.env.KILL_MATRIX_FULL === '1' || coverage.outside.includes(fault);
}

/**
 * Faults whose units are disjoint share a run (graph colouring, largest first): each test of the
 * run belongs to one fault, and global setup to at most one. Faults that repeat every test
 * (runsWhole) and those the hints send alone have runs of their own.
 */
export function planBatches(coverage: Omit<Coverage, 'plan'>, faults: readonly string[], hints: PlanHints = PLAN_HINTS): string[][] {
  const duration = new Map(coverage.records.map((t) => [t.id as string, t.durationMs]));
  const costOf = (units: Set<string>) => [...units].reduce((sum, unit) => sum + (duration.get(unit) ?? 0), 0);
  const alone = faults.filter((f) => runsWhole(f, coverage) || hints.alone.includes(f)).map((f) => [f]);
  const endpointOf = (fault: string) => (fault.startsWith('gtr-') ? 'gtr' : 'rs');
  // A gate lets requests through that the healthy run saw refused: they reach code no healthy test of
  // theirs reached, so a gate shares a run only with faults of the other endpoint.
  const gateClash = (fault: string, batch: string[]) =>
    batch.some((other) => endpointOf(other) === endpointOf(fault) && (hints.gates.includes(fault) || hints.gates.includes(other)));
  const batches: Array<{ faults: string[]; units: Set<string> }> = [];
  const ordered = faults.filter((f) => !alone.some(([a]) => a === f)).map((f) => ({ fault: f, units: unitsOf(f, coverage) }));
  ordered.sort((a, b) => b.units.size - a.units.size || costOf(b.units) - costOf(a.units) || a.fault.localeCompare(b.fault));
  for (const { fault, units } of ordered) {
    const fits = batches.find((b) => b.faults.length < MAX_BATCH && [...units].every((u) => !b.units.has(u)) && !gateClash(fault, b.faults));
    if (fits) {
      fits.faults.push(fault);
      for (const u of units) fits.units.add(u);
    } else batches.push({ faults: [fault], units: new Set(units) });
  }
  // The costliest first, so that parallel lanes end together.
  const cost = (b: { units: Set<string> }) => RUN_OVERHEAD_MS + costOf(b.units);
  return [...alone, ...batches.sort((a, b) => cost(b) - cost(a)).map((b) => b.faults)];
}

/**
 * What the planner cannot see in the healthy coverage (tests/kill-matrix/expected.ts): faults that
 * run alone (the preflight stops the run), and gates. Hints only save time: a wrong one costs a
 * rerun alone, never a wrong verdict, since every shared run is checked for contamination.
 */
export interface PlanHints {
  alone: readonly string[];
  gates: readonly string[];
}

const PLAN_HINTS: PlanHints = { alone: Object.keys(EXPECTED_STOPS), gates: GATES };

/** The healthy run, recording which fault points every test reaches, and the plan of the fault runs. */
export async function recordCoverage(browserWsEndpoint?: string): Promise<Coverage> {
  const reportsDir = newReportsDir();
  const points = join(reportsDir, 'fault-points.tsv');
  const run = await runSuite(REPORTERS, env(browserWsEndpoint, [], points), { reportsDir });
  const report = readReport(reportsDir);
  const tests: Record<string, string[]> = {};
  const reached = readPoints(points);
  for (const [unit, faults] of reached) if (unit !== SETUP && unit !== OUTSIDE) for (const fault of faults) (tests[fault] ??= []).push(unit);
  const records = recordsOf(report);
  const ids = (which: (project: string) => boolean) => records.filter((t) => which(t.project)).map((t) => t.id as string);
  const partial = {
    verdicts: Object.fromEntries((report?.requirements ?? []).map((r) => [r.id, r.verdict])),
    records,
    tests,
    setup: [...(reached.get(SETUP) ?? [])],
    outside: [...(reached.get(OUTSIDE) ?? [])],
    flagPhase: ids((project) => project === 'feature-flag'),
    all: ids(() => true),
    findings: findingsOf(report),
    output: run.output,
    exitCode: run.code,
  };
  const coverage: Coverage = { ...partial, plan: planBatches(partial, MATRIX_FAULTS) };
  rmSync(MATRIX_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(COVERAGE_FILE, JSON.stringify(coverage, null, 2));
  return coverage;
}

export function readCoverage(): Coverage {
  return JSON.parse(readFileSync(COVERAGE_FILE, 'utf8')) as Coverage;
}

const BAD = new Set(['FAIL', 'WARNING']);

/**
 * The verdicts of a run of every test under the fault: the healthy records, with those of the
 * tests the fault's run repeated in their place (the others are unchanged by construction).
 */
export function mergedVerdicts(coverage: Coverage, rerun: TestRecord[]): { verdicts: Record<string, string>; exitCode: number } {
  const replaced = new Map(rerun.map((t) => [t.id, t]));
  const tests = coverage.records.map((t) => replaced.get(t.id) ?? t);
  const header = { harnessVersion: '', startedAt: '', finishedAt: '', durationMs: 0, playwrightStatus: 'failed' as const, runInfo: undefined };
  const report = buildReport({ header, tests, baseline: null, problems: [], globalErrors: [] });
  return { verdicts: Object.fromEntries(report.requirements.map((r) => [r.id, r.verdict])), exitCode: report.exitCode };
}

function turned(coverage: Coverage, verdicts: Record<string, string>, to: (v: string) => boolean): string[] {
  return REQUIREMENTS.map((r) => r.id).filter((id) => to(verdicts[id] ?? 'NOT_RUN') && !to(coverage.verdicts[id] ?? 'NOT_RUN'));
}

interface Run {
  code: number | null;
  output: string;
  report: ConformanceReport | undefined;
  reached: Map<string, Set<string>>;
  ms: number;
}

/** One suite run with `faults` on, repeating the tests (and the flag phase) given, or every test. */
async function suiteRun(
  faults: string[],
  coverage: Coverage,
  browserWsEndpoint: string | undefined,
  selection?: { tests: string[]; flagPhase: boolean },
): Promise<Run> {
  const started = Date.now();
  const reportsDir = newReportsDir();
  const points = join(reportsDir, 'fault-points.tsv');
  const args: string[] = [];
  if (selection) {
    // A trivial check keeps global setup (the preflight) running with the faults on when no test reached them.
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
  const result = await runSuite([...REPORTERS, ...args], env(browserWsEndpoint, faults, points), { reportsDir });
  const run = { code: result.code, output: result.output, report: readReport(reportsDir), reached: readPoints(points), ms: Date.now() - started };
  rmSync(reportsDir, { recursive: true, force: true });
  return run;
}

function faultRun(fault: string, coverage: Coverage, run: Run, how: FaultRun['how'], rerun: TestRecord[], together: string[] = []): FaultRun {
  const stopped = run.report?.stopped ?? undefined;
  const merged = run.report && !stopped ? mergedVerdicts(coverage, rerun) : undefined;
  return {
    fault,
    failed: merged ? turned(coverage, merged.verdicts, (v) => BAD.has(v)) : run.report ? [] : ['(no conformance report)'],
    errors: merged ? turned(coverage, merged.verdicts, (v) => v === 'ERROR') : [],
    failedMust: merged ? turned(coverage, merged.verdicts, (v) => v === 'FAIL') : [],
    ...(stopped ? { stopped: { kind: stopped.kind, sentence: stopped.sentence } } : {}),
    how,
    together,
    tests: run.report?.counts.tests ?? 0,
    exitCode: run.code,
    reportExitCode: run.report?.exitCode ?? null,
    verdictExitCode: merged?.exitCode ?? run.report?.exitCode ?? null,
    durationMs: run.ms,
    output: run.output,
  };
}

/**
 * One fault alone: the tests that reached its points (the whole flag phase if one of its tests
 * did), or every test when it was reached outside a request, or when global setup reached it and
 * then handed the tests other findings than the healthy run's.
 */
export async function runAlone(fault: string, coverage: Coverage, browserWsEndpoint?: string): Promise<FaultRun> {
  const units = unitsOf(fault, coverage);
  const whole = runsWhole(fault, coverage);
  const selection = whole ? undefined : selectionOf(units, coverage);
  const run = await suiteRun([fault], coverage, browserWsEndpoint, selection);
  if (selection && run.report && !run.report.stopped && findingsOf(run.report) !== coverage.findings) {
    const all = await suiteRun([fault], coverage, browserWsEndpoint);
    return faultRun(fault, coverage, all, 'whole', recordsOf(all.report));
  }
  return faultRun(fault, coverage, run, selection ? 'alone' : 'whole', recordsOf(run.report));
}

/**
 * Several faults in one run. Each test of the run was reached by at most one of them in the
 * healthy run; the run records the points again, and a fault whose points a test of another fault
 * (or global setup, when another fault owns it) reached now is contaminated: it runs alone. So is
 * every fault of a run whose preflight handed the tests other findings. The rest are judged on
 * their own tests' records, merged into the healthy ones.
 */
export async function runBatch(faults: string[], coverage: Coverage, browserWsEndpoint?: string): Promise<FaultRun[]> {
  if (faults.length === 1) return [await runAlone(faults[0] as string, coverage, browserWsEndpoint)];
  const own = new Map(faults.map((f) => [f, unitsOf(f, coverage)]));
  const run = await suiteRun(
    faults,
    coverage,
    browserWsEndpoint,
    selectionOf(
      [...own.values()].flatMap((u) => [...u]),
      coverage,
    ),
  );
  for (const [unit, reached] of run.reached) for (const fault of faults) if (reached.has(fault)) for (const u of expand(unit, coverage)) own.get(fault)?.add(u);
  const owners = new Map<string, string[]>();
  for (const [fault, set] of own) for (const unit of set) owners.set(unit, [...(owners.get(unit) ?? []), fault]);
  const clean = !!run.report && !run.report.stopped && findingsOf(run.report) === coverage.findings;
  const contaminated = faults.filter((f) => !clean || [...(own.get(f) ?? [])].some((u) => u === OUTSIDE || (owners.get(u) ?? []).length > 1));
  const records = recordsOf(run.report);
  const results: FaultRun[] = [];
  for (const fault of faults) {
    if (contaminated.includes(fault)) continue;
    const mine = own.get(fault) ?? new Set<string>();
    const tests = records.filter((t) => mine.has(t.id as string));
    results.push(
      faultRun(
        fault,
        coverage,
        run,
        'batch',
        tests,
        faults.filter((f) => f !== fault),
      ),
    );
  }
  for (const fault of contaminated) results.push(await runAlone(fault, coverage, browserWsEndpoint));
  return results;
}

export function resultFile(fault: string): string {
  return join(RESULTS_DIR, `${fault}.json`);
}

/**
 * One lane of the fault runs: takes the plan's batches in order, each one no other lane has taken
 * (an atomic mkdir claims it), and writes every fault's result. Lanes run side by side.
 */
export async function runLane(coverage: Coverage, browserWsEndpoint: string | undefined, onResult?: (run: FaultRun) => void): Promise<void> {
  const claims = join(MATRIX_DIR, 'claims');
  mkdirSync(claims, { recursive: true });
  for (const [index, batch] of coverage.plan.entries()) {
    try {
      mkdirSync(join(claims, String(index)));
    } catch {
      continue;
    }
    for (const result of await runBatch(batch, coverage, browserWsEndpoint)) {
      writeFileSync(resultFile(result.fault), JSON.stringify(result));
      onResult?.(result);
    }
  }
}

export function readResult(fault: string): FaultRun | undefined {
  const file = resultFile(fault);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FaultRun) : undefined;
}

export function matrixMarkdown(
  expected: Record<string, readonly string[]>,
  errors: Record<string, readonly string[]> = {},
  stops: Record<string, string> = {},
): string {
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
    "with every request, the browser's too). Under a fault only the code at its points differs, so a",
    'test that reached none of them sends the same requests, gets the same answers and ends exactly',
    'as in the healthy run: a fault is judged on the tests that reached one of its points, their',
    "records put in place of the healthy ones, the others' healthy records kept. Global setup (the",
    'preflight) always runs for real with the fault on. The flag phase always runs whole, its tests',
    "sharing the switched flags; the switch's own requests carry their own tag, and a fault they",
    'reach owns every test of the phase. A fault reached outside any request, or reached by global',
    'setup which then hands the tests other findings than in the healthy run, repeats every test.',
    '',
    'Faults that reached no test in common (global setup counts as one) share a run, each test',
    'belonging to one fault. The shared run records the fault points again;',
    'if a test reached the points of a fault it does not belong to, or the preflight handed the tests',
    'other findings, the faults concerned are judged again alone. `KILL_MATRIX_FULL=1 npm test` runs',
    'every fault alone on every test.',
    '',
  ];
  const endpoints = [
    { prefix: 'RS-', title: 'revoke_session' },
    { prefix: 'GTR-', title: 'Global Token Revocation' },
  ];
  for (const { prefix, title } of endpoints) {
    const ids = REQUIREMENTS.map((r) => r.id).filter((id) => id.startsWith(prefix));
    const faults = MATRIX_FAULTS.filter((f) => (expected[f] ?? []).some((id) => id.startsWith(prefix)) || f.startsWith('gtr-') === (prefix === 'GTR-'));
    lines.push(
      `## ${title}`,
      '',
      `| fault | what it breaks | ${ids.map((id) => id.replace(prefix, '')).join(' | ')} |`,
      `|---|---|${ids.map(() => ':-:').join('|')}|`,
    );
    for (const fault of faults) {
      const killed = new Set(expected[fault] ?? []);
      const errored = new Set(errors[fault] ?? []);
      const stop = stops[fault] ? ` (the preflight stops the run: ${stops[fault] === 'fail' ? 'FAIL' : 'INCOMPLETE'})` : '';
      lines.push(
        `| \`${fault}\` | ${FAULT_DESCRIPTIONS[fault]}${stop} | ${ids.map((id) => (killed.has(id) ? '✗' : errored.has(id) ? 'E' : '')).join(' | ')} |`,
      );
    }
    lines.push('');
  }
  lines.push('✗ turns FAIL or WARNING; E turns ERROR (the fault breaks something a check arranges).', '');
  // The matrix runs the suite against the default single-node Janssen OP only.
  lines.push(
    '## Left out: faults of another topology or profile',
    '',
    'These faults act only on another topology or profile of the reference OP, so the matrix,',
    'which runs the suite against the default single-node Janssen OP, does not run them; the',
    "reference OP's self-tests prove each (`tests/reference-op/faults.spec.ts`).",
    '',
    '| fault | what it breaks | why it is left out |',
    '|---|---|---|',
    ...Object.entries(TOPOLOGY_FAULTS).map(
      ([fault, needs]) => `| \`${fault}\` | ${FAULT_DESCRIPTIONS[fault as keyof typeof TOPOLOGY_FAULTS]} | ${needs.reason} |`,
    ),
    '',
    '| requirement | level | killed by |',
    '|---|---|---|',
  );
  for (const r of REQUIREMENTS) {
    const by = MATRIX_FAULTS.filter((f) => (expected[f] ?? []).includes(r.id));
    lines.push(`| ${r.id} | ${r.level} | ${by.map((f) => `\`${f}\``).join(', ') || '—'} |`);
  }
  return `${lines.join('\n')}\n`;
}
