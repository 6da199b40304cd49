import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserServer } from '@playwright/test';
import { chooseBrowser, CHROMIUM_ARGS } from '../../fixtures/browser';
import type { ConformanceReport, TestRecord } from '../../fixtures/reporting/verdict';
import { newReportsDir, runSuite } from '../harness/support';
import type { Coverage } from './plan';

/**
 * One run of the conformance suite for the kill matrix, against the embedded reference OP with
 * some faults on, and what it left: its conformance report and which fault points each test, global
 * setup or the flag switch reached (the OP records them when told to).
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

export interface SuiteRun {
  code: number | null;
  output: string;
  report: ConformanceReport | undefined;
  /** unit (a test id, "setup" or "outside") → the faults whose points it reached. */
  reached: Map<string, Set<string>>;
  ms: number;
}

/** Which tests a run repeats: these ids, and the flag phase (always whole) or not. */
export interface Selection {
  tests: string[];
  flagPhase: boolean;
}

/**
 * The matrix reads the conformance report; JUnit and Allure results would only cost time. The
 * selection reporter stays: it keeps the flag phase apart from the other checks (playwright.config.ts).
 */
const REPORTERS = ['--reporter', 'list,./fixtures/run/selection-reporter.ts,./fixtures/reporting/conformance-reporter.ts'];

const env = (browserWsEndpoint: string | undefined, faults: readonly string[], points: string, extra: Record<string, string>): Record<string, string> => ({
  // Another profile of the OP and the harness's settings for it (the draft profile's fault runs); the matrix's own runs add none.
  ...extra,
  JANS_EMBEDDED_FAULTS: faults.join(','),
  // One worker: faults such as revoke-other-user-too act on every session the OP holds.
  JANS_WORKERS: '1',
  // The grace of the healthy single-node OP, given rather than measured: a fault such as
  // revocation-delayed would otherwise be measured by the preflight and allowed for, and the
  // preflight's own revocation would reach revocation faults' points in global setup.
  JANS_GRACE_MS: '0',
  JANS_SELFTEST_FAULT_POINTS: points,
  // A failed check keeps its worker (fixtures/per-test/keep-worker.ts): a fault fails many checks in a row.
  JANS_SELFTEST_KEEP_WORKER: '1',
  ...(browserWsEndpoint ? { JANS_SELFTEST_BROWSER_WS: browserWsEndpoint } : {}),
});

function readReport(reportsDir: string): ConformanceReport | undefined {
  const file = join(reportsDir, 'conformance.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport) : undefined;
}

/** Every test's record in a report, once each. */
export function recordsOf(report: ConformanceReport | undefined): TestRecord[] {
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
export function findingsOf(report: ConformanceReport | undefined): string {
  const preflight = report?.target.preflight;
  if (!preflight) return JSON.stringify({ stopped: report?.stopped?.sentence ?? 'no report' });
  return JSON.stringify({
    discovery: report?.target.discoveryFingerprint,
    sessionStatus: preflight.sessionStatus.available,
    flagSwitch: preflight.flagSwitch.possible,
    endpoints: preflight.endpoints.map((e) => ({ name: e.name, provided: e.provided, judged: e.judged, path: new URL(e.url).pathname })),
  });
}

/** Which faults' points each unit reached, from a run's recording. */
function readPoints(file: string): Map<string, Set<string>> {
  const reached = new Map<string, Set<string>>();
  for (const line of existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []) {
    const [unit = '', fault = ''] = line.split('\t');
    if (!reached.has(unit)) reached.set(unit, new Set());
    reached.get(unit)?.add(fault);
  }
  return reached;
}

/** The Playwright options that repeat exactly `selection` (by test id, from the healthy run). */
function selectionArgs(selection: Selection, coverage: Pick<Coverage, 'all' | 'flagPhase'>, reportsDir: string): string[] {
  // A trivial check keeps global setup (the preflight) running with the faults on when no test reached them.
  const tests = selection.tests.length > 0 || selection.flagPhase ? selection.tests : coverage.all.slice(0, 1);
  const flagOnly = selection.flagPhase && tests.length === 0;
  const file = join(reportsDir, 'selection.json');
  writeFileSync(file, JSON.stringify({ status: 'failed', failedTests: flagOnly ? coverage.flagPhase : tests }));
  const args = ['--last-failed', '--last-failed-file', file];
  // The flag phase alone: its own project. With other tests it runs whole, as their teardown; without
  // it, --no-deps drops that teardown.
  if (flagOnly) args.push('--project', 'feature-flag');
  else if (!selection.flagPhase) args.push('--no-deps');
  return args;
}

/** One suite run with `faults` on, repeating the tests (and the flag phase) selected, or every test; `extraEnv` for another profile. */
export async function suiteRun(
  faults: readonly string[],
  coverage: Pick<Coverage, 'all' | 'flagPhase'>,
  browserWsEndpoint: string | undefined,
  selection?: Selection,
  extraEnv: Record<string, string> = {},
): Promise<SuiteRun> {
  const started = Date.now();
  const reportsDir = newReportsDir();
  const points = join(reportsDir, 'fault-points.tsv');
  const args = selection ? selectionArgs(selection, coverage, reportsDir) : [];
  const result = await runSuite([...REPORTERS, ...args], env(browserWsEndpoint, faults, points, extraEnv), { reportsDir });
  const run = { code: result.code, output: result.output, report: readReport(reportsDir), reached: readPoints(points), ms: Date.now() - started };
  rmSync(reportsDir, { recursive: true, force: true });
  return run;
}
