import type { EndpointName } from '../../fixtures/config';
import { FLAG_SWITCH_TAG } from '../../fixtures/flows/flag-phase';
import { GLOBAL_TOKEN_REVOCATION_FAULT_NAMES, REVOKE_SESSION_FAULT_NAMES, type FaultName } from '../../fixtures/reference-op/faults';
import type { TestRecord } from '../../fixtures/reporting/verdict';
import { EXPECTED_STOPS, GATES } from './expected';

/**
 * The kill matrix's planner: from what the healthy run recorded (which fault points each test
 * reached), which tests each fault's run must repeat, and which faults can share a run. Why a run
 * that repeats only those tests misses nothing is told once, in KILL-MATRIX.md (document.ts).
 */

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
  /** The profiles the run judged under (a level can differ between them), when another than Janssen's. */
  profiles?: { profile: string; gtrProfile: string };
  /** The fault runs: batches of faults that reached no shared test (planBatches). */
  plan: string[][];
  output: string;
  exitCode: number | null;
}

/** Units of coverage besides tests: global setup, requests outside any (a timer), and the flag switch (FLAG_SWITCH_TAG). */
export const SETUP = 'setup';
export const OUTSIDE = 'outside';

/** At most this many faults share a run: a contaminated batch reruns each of them alone. */
const MAX_BATCH = 6;
/** What a suite run costs besides its tests (start, global setup, teardown), for planning only. */
const RUN_OVERHEAD_MS = 5_000;

/**
 * The reference OP's faults by the endpoint whose code they sit in (its faults/<endpoint>.ts).
 * Neither the OP nor the ENDPOINTS table names this link, so it is stated here, once per endpoint.
 */
export const FAULTS_BY_ENDPOINT: Readonly<Record<EndpointName, readonly FaultName[]>> = {
  revoke_session: REVOKE_SESSION_FAULT_NAMES,
  global_token_revocation: GLOBAL_TOKEN_REVOCATION_FAULT_NAMES,
};

function endpointOf(fault: string): EndpointName | undefined {
  return (Object.keys(FAULTS_BY_ENDPOINT) as EndpointName[]).find((name) => (FAULTS_BY_ENDPOINT[name] as readonly string[]).includes(fault));
}

/** A unit of coverage as the tests it stands for: the flag switch stands for itself and every test of the phase. */
export function expand(unit: string, coverage: Pick<Coverage, 'flagPhase'>): string[] {
  return unit === FLAG_SWITCH_TAG ? [unit, ...coverage.flagPhase] : [unit];
}

/** The units a fault's run must repeat: the tests that reached its points, global setup, the flag switch (the whole phase). */
export function unitsOf(fault: string, coverage: Pick<Coverage, 'tests' | 'setup' | 'flagPhase'>): Set<string> {
  const units = new Set((coverage.tests[fault] ?? []).flatMap((id) => expand(id, coverage)));
  if (coverage.setup.includes(fault)) units.add(SETUP);
  return units;
}

/** The tests a run repeats for these units; the flag phase always whole (its tests share the switched flags). */
export function selectionOf(units: Iterable<string>, coverage: Pick<Coverage, 'flagPhase'>): { tests: string[]; flagPhase: boolean } {
  const all = [...units];
  const flag = (u: string) => u === FLAG_SWITCH_TAG || coverage.flagPhase.includes(u);
  return { tests: [...new Set(all.filter((u) => u !== SETUP && !flag(u)))], flagPhase: all.some(flag) };
}

/** A fault that repeats every test: reached outside any request, or every fault under KILL_MATRIX_FULL=1. */
export function runsWhole(fault: string, coverage: Pick<Coverage, 'outside'>): boolean {
  return process.env.KILL_MATRIX_FULL === '1' || coverage.outside.includes(fault);
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

/**
 * Faults whose units are disjoint share a run (graph colouring, largest first): each test of the
 * run belongs to one fault, and global setup to at most one. Faults that repeat every test
 * (runsWhole) and those the hints send alone have runs of their own.
 */
export function planBatches(coverage: Omit<Coverage, 'plan'>, faults: readonly string[], hints: PlanHints = PLAN_HINTS): string[][] {
  const duration = new Map(coverage.records.map((t) => [t.id as string, t.durationMs]));
  const costOf = (units: Set<string>) => [...units].reduce((sum, unit) => sum + (duration.get(unit) ?? 0), 0);
  const alone = faults.filter((f) => runsWhole(f, coverage) || hints.alone.includes(f)).map((f) => [f]);
  // A gate lets requests through that the healthy run saw refused: they reach code no healthy test of
  // theirs reached, so a gate shares a run only with faults of another endpoint.
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
