/**
 * `npm run bench`: how long a full conformance run takes and where the time goes, and how the
 * reference OP's revocation scales with the sessions it holds. Performance targets live here,
 * never in timed test assertions.
 *
 *   BENCH_RUNS=5   full runs of `npm run conformance` against the embedded OP. The first is cold:
 *                  Playwright's TypeScript cache and the reference OP's key cache start empty.
 *   BENCH_SELFTEST=1 also the whole self-test (`npm test`, as CI runs it), timed once.
 *
 * Each run writes its reports to a temporary folder; where its time went comes from
 * scripts/bench-reporter.ts (added to the run) and its run info, the verdict from conformance.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chooseBrowser } from '../fixtures/browser';
import { PROJECT_ROOT } from '../fixtures/paths';
import { ArtifactStore } from '../fixtures/reference-op/store';
import type { RunInfo } from '../fixtures/run-info';
import { BENCH_FILE, type BenchTest } from './bench-reporter';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Breakdown {
  label: string;
  ms: number;
}

interface RunResult {
  wallMs: number;
  verdict: string;
  exit: number | null;
  logins: number;
  parts: Breakdown[];
}

function suiteRun(cacheDir: string): RunResult {
  const reports = mkdtempSync(join(tmpdir(), 'rs-bench-'));
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'conformance', '--', '--add-reporter', join(PROJECT_ROOT, 'scripts', 'bench-reporter.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, JANS_REPORTS_DIR: reports, PLAYWRIGHT_TRANSFORM_CACHE_DIR: cacheDir },
    encoding: 'utf8',
  });
  const ended = Date.now();
  const read = <T>(file: string): T | undefined => {
    try {
      return JSON.parse(readFileSync(join(reports, file), 'utf8')) as T;
    } catch {
      return undefined;
    }
  };
  const report = read<{ overall: string }>('conformance.json');
  if (!report) console.log(result.stdout.slice(-2000), result.stderr.slice(-2000));
  const tests = read<BenchTest[]>(BENCH_FILE) ?? [];
  const info = read<RunInfo>(join('.run', 'run-info.json'));
  rmSync(reports, { recursive: true, force: true });
  return {
    wallMs: ended - started,
    verdict: report?.overall ?? 'no report',
    exit: result.status,
    logins: tests.reduce((n, t) => n + t.logins, 0),
    parts: breakdown(tests, info, started, ended),
  };
}

/** Splits one run's wall time into consecutive parts that add up to it. */
function breakdown(tests: BenchTest[], info: RunInfo | undefined, started: number, ended: number): Breakdown[] {
  if (!info?.setupMs || tests.length === 0) return [];
  const setupStart = Date.parse(info.startedAt);
  const setupEnd = setupStart + info.setupMs;
  const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
  const end = (t: BenchTest) => t.startMs + t.durationMs;
  // A worker starts when the previous phase ended: global setup for the first, the last test before it for a later one.
  const workers = [...new Set(tests.map((t) => t.worker))];
  let workerStartMs = 0;
  for (const worker of workers) {
    const first = Math.min(...tests.filter((t) => t.worker === worker).map((t) => t.startMs));
    const before = tests.filter((t) => t.worker !== worker && end(t) <= first).map(end);
    workerStartMs += first - Math.max(setupEnd, ...before);
  }
  const opMs = info.opStartMs ?? 0;
  const preflightMs = info.preflight?.durationMs ?? 0;
  const browserMs = sum(tests.map((t) => t.browserMs));
  const loginMs = sum(tests.map((t) => t.loginMs));
  const lastTestEnd = Math.max(...tests.map(end));
  const parts: Breakdown[] = [
    { label: 'npm and Playwright start (CLI, config, test files)', ms: setupStart - started },
    { label: 'reference OP start', ms: opMs },
    { label: 'preflight (a real login, the endpoints, the flags)', ms: preflightMs },
    { label: 'rest of global setup', ms: info.setupMs - opMs - preflightMs },
    { label: `worker process start (${workers.length} workers)`, ms: workerStartMs },
    { label: `browser start and its login page (${workers.length} browsers)`, ms: browserMs },
    { label: 'logins through the login page', ms: loginMs },
    { label: 'checks: provisioning, calls, probes, test fixtures', ms: sum(tests.map((t) => t.durationMs)) - browserMs - loginMs },
    { label: 'after the last test (teardown, reports)', ms: ended - lastTestEnd },
  ];
  const accounted = parts.reduce((total, p) => total + p.ms, 0);
  parts.splice(parts.length - 1, 0, { label: 'between tests: dispatch, worker fixtures', ms: ended - started - accounted });
  return parts;
}

function revokeScaling(others: number): { medianUs: number; bytesPerSession: number } {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const store = new ArtifactStore(3_600_000);
  const session = (accountId: string, i: number) => ({
    accountId,
    uid: `uid-${accountId}-${i}`,
    jti: `${accountId}-${i}`,
    loginTs: 1,
    exp: 2e9,
    kind: 'Session',
    authorizations: { client: { sid: `sid-${i}`, grantId: `g-${i}` } },
  });
  for (let i = 0; i < others; i++) store.set('Session', `other-${i}`, session(`acct-${i % 5000}`, i), 86_400);
  global.gc?.();
  const heap = process.memoryUsage().heapUsed - before;
  const samples: number[] = [];
  for (let round = 0; round < 500; round++) {
    for (let i = 0; i < 10; i++) store.set('Session', `target-${i}`, session('target-user', i), 86_400);
    const t = performance.now();
    // What the revocation handlers do per user: find the account's sessions, remove each.
    for (const { id } of store.sessionsOf('target-user')) store.remove('Session', id);
    samples.push((performance.now() - t) * 1000);
  }
  store.close();
  return { medianUs: median(samples), bytesPerSession: heap / others };
}

const cpu = cpus()[0]?.model.trim() ?? 'cpu';
console.log(`Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${chooseBrowser().description}`);

console.log('\nReference OP: revoking a user with 10 sessions (store level, median of 500)');
const small = revokeScaling(1_000);
const large = revokeScaling(100_000);
const ratio = large.medianUs / small.medianUs;
console.log(`  with   1,000 other sessions: ${small.medianUs.toFixed(1)} µs`);
console.log(`  with 100,000 other sessions: ${large.medianUs.toFixed(1)} µs  (${ratio.toFixed(2)}×; target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
console.log(`  memory: ~${Math.round(large.bytesPerSession)} bytes per session (heap, 100,000 sessions)`);

const runs = Math.max(2, Number(process.env.BENCH_RUNS ?? 5));
console.log(`\nFull conformance run: \`npm run conformance\` against the embedded OP, ${runs} runs (the first cold)`);
const cacheDir = mkdtempSync(join(tmpdir(), 'rs-bench-transform-'));
rmSync(join(PROJECT_ROOT, 'node_modules', '.cache', 'reference-op'), { recursive: true, force: true });
const results: RunResult[] = [];
for (let i = 0; i < runs; i++) {
  const r = suiteRun(cacheDir);
  results.push(r);
  console.log(`  run ${i + 1}${i === 0 ? ' (cold)' : ''}: ${seconds(r.wallMs)}, ${r.verdict} (exit ${r.exit}), ${r.logins} logins`);
}
rmSync(cacheDir, { recursive: true, force: true });
const cold = results[0] as RunResult;
const warm = results.slice(1);
const warmMedian = median(warm.map((r) => r.wallMs));
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(
  `  cold ${seconds(cold.wallMs)}; warm median ${seconds(warmMedian)}  (targets ≤ 10 s cold: ${met(cold.wallMs <= 10_000)}; ≤ 8 s warm median: ${met(warmMedian <= 8_000)})`,
);

console.log('\nWhere the time goes (median of the warm runs; the parts add up to the wall time)');
const labels = warm[0]?.parts.map((p) => p.label) ?? [];
for (const label of labels) {
  const values = warm.map((r) => r.parts.find((p) => p.label === label)?.ms ?? NaN);
  const coldPart = cold.parts.find((p) => p.label === label)?.ms;
  console.log(`  ${seconds(median(values)).padStart(7)}  ${label}${coldPart !== undefined ? `  (cold: ${seconds(coldPart)})` : ''}`);
}
if (results.some((r) => r.exit !== 0)) process.exitCode = 1;

// BENCH_SELFTEST=1: the whole self-test as CI runs it (`npm test`, the kill matrix included), timed once.
if (process.env.BENCH_SELFTEST === '1') {
  console.log('\nThe self-test: `npm test`, once');
  const started = Date.now();
  const selfTest = spawnSync('npm', ['test', '--silent'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '1' } });
  const ms = Date.now() - started;
  const summary = selfTest.stdout.toString().match(/\d+ passed[^\n]*/)?.[0] ?? 'no summary';
  console.log(`  ${seconds(ms)}, exit ${selfTest.status} (${summary}); target ≤ 300 s: ${met(ms <= 300_000)}`);
  if (selfTest.status !== 0) process.exitCode = 1;
}
