import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { REPORTS_DIR } from '../../fixtures/paths';
import type { RunInfo } from '../../fixtures/run-info';
import { MATRIX_FAULTS } from '../../fixtures/reference-op/faults';
import { buildReport, type TestRecord } from '../../fixtures/reporting/verdict';
import { expand, OUTSIDE, planBatches, runsWhole, selectionOf, SETUP, unitsOf, type Coverage, type PlanHints } from './plan';
import { findingsOf, recordsOf, suiteRun, type SuiteRun } from './suite';

/**
 * The kill matrix's runs: the healthy run that records coverage and plans (plan.ts), then the
 * planned fault runs, a few side by side, each fault's result written for matrix.spec.ts. A fault is
 * killed when exactly its expected requirements turn FAIL or WARNING against the healthy verdicts,
 * and exactly its expected ones ERROR (KILL-MATRIX.md says why the runs may repeat only some tests).
 */

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

const MATRIX_DIR = join(REPORTS_DIR, 'kill-matrix');
const COVERAGE_FILE = join(MATRIX_DIR, 'coverage.json');
const RESULTS_DIR = join(MATRIX_DIR, 'results');

/**
 * What a run of the whole suite against the healthy OP covers (which fault points every test
 * reaches), and the plan of the runs of `faults`. `extraEnv` sets another profile (the draft
 * profile's faults, tests/harness/draft-faults.spec.ts); `hints` are that profile's.
 */
export async function coverageOf(
  faults: readonly string[],
  browserWsEndpoint?: string,
  extraEnv: Record<string, string> = {},
  hints?: PlanHints,
): Promise<Coverage> {
  const run = await suiteRun([], { all: [], flagPhase: [] }, browserWsEndpoint, undefined, extraEnv);
  const tests: Record<string, string[]> = {};
  for (const [unit, faults] of run.reached) if (unit !== SETUP && unit !== OUTSIDE) for (const fault of faults) (tests[fault] ??= []).push(unit);
  const records = recordsOf(run.report);
  const ids = (which: (project: string) => boolean) => records.filter((t) => which(t.project)).map((t) => t.id as string);
  const partial = {
    verdicts: Object.fromEntries((run.report?.requirements ?? []).map((r) => [r.id, r.verdict])),
    records,
    tests,
    setup: [...(run.reached.get(SETUP) ?? [])],
    outside: [...(run.reached.get(OUTSIDE) ?? [])],
    flagPhase: ids((project) => project === 'feature-flag'),
    all: ids(() => true),
    findings: findingsOf(run.report),
    ...(run.report?.target.profiles.global_token_revocation === 'draft'
      ? { profiles: { profile: run.report.target.profiles.revoke_session ?? 'janssen', gtrProfile: 'draft' } }
      : {}),
    output: run.output,
    exitCode: run.code,
  };
  return { ...partial, plan: planBatches(partial, faults, hints) };
}

/** The healthy run, recording which fault points every test reaches, and the plan of the fault runs. */
export async function recordCoverage(browserWsEndpoint?: string): Promise<Coverage> {
  const coverage = await coverageOf(MATRIX_FAULTS, browserWsEndpoint);
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
  // Levels follow the profile the healthy run judged under (GTR lines differ under the draft's).
  const runInfo = coverage.profiles ? (coverage.profiles as Pick<RunInfo, 'profile' | 'gtrProfile'> as RunInfo) : undefined;
  const header = { harnessVersion: '', startedAt: '', finishedAt: '', durationMs: 0, playwrightStatus: 'failed' as const, runInfo };
  const report = buildReport({ header, tests, baseline: null, problems: [], globalErrors: [] });
  return { verdicts: Object.fromEntries(report.requirements.map((r) => [r.id, r.verdict])), exitCode: report.exitCode };
}

function turned(coverage: Coverage, verdicts: Record<string, string>, to: (v: string) => boolean): string[] {
  return REQUIREMENTS.map((r) => r.id).filter((id) => to(verdicts[id] ?? 'NOT_RUN') && !to(coverage.verdicts[id] ?? 'NOT_RUN'));
}

function faultRun(fault: string, coverage: Coverage, run: SuiteRun, how: FaultRun['how'], rerun: TestRecord[], together: string[] = []): FaultRun {
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
export async function runAlone(fault: string, coverage: Coverage, browserWsEndpoint?: string, extraEnv: Record<string, string> = {}): Promise<FaultRun> {
  const whole = runsWhole(fault, coverage);
  const selection = whole ? undefined : selectionOf(unitsOf(fault, coverage), coverage);
  const run = await suiteRun([fault], coverage, browserWsEndpoint, selection, extraEnv);
  if (selection && run.report && !run.report.stopped && findingsOf(run.report) !== coverage.findings) {
    const all = await suiteRun([fault], coverage, browserWsEndpoint, undefined, extraEnv);
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
export async function runBatch(faults: string[], coverage: Coverage, browserWsEndpoint?: string, extraEnv: Record<string, string> = {}): Promise<FaultRun[]> {
  if (faults.length === 1) return [await runAlone(faults[0] as string, coverage, browserWsEndpoint, extraEnv)];
  const own = new Map(faults.map((f) => [f, unitsOf(f, coverage)]));
  const units = [...own.values()].flatMap((u) => [...u]);
  const run = await suiteRun(faults, coverage, browserWsEndpoint, selectionOf(units, coverage), extraEnv);
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
  for (const fault of contaminated) results.push(await runAlone(fault, coverage, browserWsEndpoint, extraEnv));
  return results;
}

function resultFile(fault: string): string {
  return join(RESULTS_DIR, `${fault}.json`);
}

/**
 * Every planned batch, `lanes` of them at a time (each run is a child process, so the lanes keep
 * as many cores busy), the costliest first as planned; each fault's result is written as it ends.
 */
export async function runFaults(coverage: Coverage, browserWsEndpoint: string | undefined, lanes: number, onResult?: (run: FaultRun) => void): Promise<void> {
  // One iterator for all lanes: a lane that is free takes the next batch.
  const batches = coverage.plan.values();
  const lane = async () => {
    for (const batch of batches) {
      for (const result of await runBatch(batch, coverage, browserWsEndpoint)) {
        writeFileSync(resultFile(result.fault), JSON.stringify(result));
        onResult?.(result);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}

export function readResult(fault: string): FaultRun | undefined {
  const file = resultFile(fault);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FaultRun) : undefined;
}
