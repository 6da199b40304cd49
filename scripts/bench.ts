/**
 * `npm run bench`: how long a full conformance run takes and where the time goes, and how the
 * reference OP's revocation scales with the sessions it holds. Performance targets live here,
 * never in timed test assertions.
 *
 *   BENCH_RUNS=5   full runs of `npm run conformance` against the embedded OP. The first is cold:
 *                  Playwright's TypeScript cache and the reference OP's key cache start empty.
 *
 * Each run writes its reports to a temporary folder; the spans come from its timeline
 * (fixtures/timeline.ts), the verdict from its conformance.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chooseBrowser } from '../fixtures/browser';
import { PROJECT_ROOT } from '../fixtures/paths';
import { ArtifactStore } from '../fixtures/reference-op/store';
import { readTimeline, type Phase, type Span } from '../fixtures/timeline';

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
  const result = spawnSync('npm', ['run', '--silent', 'conformance'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, JANS_REPORTS_DIR: reports, PLAYWRIGHT_TRANSFORM_CACHE_DIR: cacheDir },
    encoding: 'utf8',
  });
  const ended = Date.now();
  let verdict = 'no report';
  try {
    verdict = (JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as { overall: string }).overall;
  } catch {
    console.log(result.stdout.slice(-2000), result.stderr.slice(-2000));
  }
  const spans = readTimeline(join(reports, '.run', 'timeline.jsonl'));
  rmSync(reports, { recursive: true, force: true });
  return { wallMs: ended - started, verdict, exit: result.status, logins: spans.filter((s) => s.phase === 'login').length, parts: breakdown(spans, started, ended) };
}

/** Splits one run's wall time into consecutive parts that add up to it. */
function breakdown(spans: Span[], started: number, ended: number): Breakdown[] {
  const of = (phase: Phase) => spans.filter((s) => s.phase === phase);
  const sum = (list: Span[]) => list.reduce((total, s) => total + s.durationMs, 0);
  const end = (s: Span) => s.startMs + s.durationMs;
  const setup = of('setup')[0];
  const tests = of('test');
  if (!setup || tests.length === 0) return [];
  const launches = of('browser-launch').sort((a, b) => a.startMs - b.startMs);
  // A worker starts when the previous phase ended: global setup for the first, the last test before it for a later one.
  let workerStartMs = 0;
  for (const launch of launches) {
    const before = tests.filter((t) => end(t) <= launch.startMs).map(end);
    workerStartMs += launch.startMs - Math.max(end(setup), ...before);
  }
  const loginMs = sum(of('login'));
  // A worker's browser starts inside its first test that needs one; count that time once, as browser start.
  const overlap = (a: Span, b: Span) => Math.max(0, Math.min(end(a), end(b)) - Math.max(a.startMs, b.startMs));
  const launchInTests = launches.reduce((total, l) => total + tests.reduce((t, test) => t + overlap(l, test), 0), 0);
  const opMs = sum(of('op-start'));
  const lastTestEnd = Math.max(...tests.map(end));
  const parts: Breakdown[] = [
    { label: 'npm and Playwright start (CLI, config, test files)', ms: setup.startMs - started },
    { label: 'reference OP start', ms: opMs },
    { label: 'rest of global setup (preflight, featureFlags snapshot)', ms: setup.durationMs - opMs },
    { label: `worker process start (${launches.length} workers)`, ms: workerStartMs },
    { label: `browser start and its login page (${launches.length} browsers)`, ms: sum(launches) },
    { label: 'logins through the login page', ms: loginMs },
    { label: 'specs: provisioning, revoke calls, probes, test fixtures', ms: sum(tests) - launchInTests - loginMs },
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
  const session = (accountId: string, i: number) => ({ accountId, uid: `uid-${accountId}-${i}`, jti: `${accountId}-${i}`, loginTs: 1, exp: 2e9, kind: 'Session', authorizations: { client: { sid: `sid-${i}`, grantId: `g-${i}` } } });
  for (let i = 0; i < others; i++) store.set('Session', `other-${i}`, session(`acct-${i % 5000}`, i), 86_400);
  global.gc?.();
  const heap = process.memoryUsage().heapUsed - before;
  const samples: number[] = [];
  for (let round = 0; round < 500; round++) {
    for (let i = 0; i < 10; i++) store.set('Session', `target-${i}`, session('target-user', i), 86_400);
    const t = performance.now();
    // What the revoke handler does per user (fixtures/reference-op/revoke.ts, removeSessionsOf).
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
console.log(`  cold ${seconds(cold.wallMs)}; warm median ${seconds(warmMedian)}  (target ≤ 15 s cold; stretch ≤ 8 s)`);

console.log('\nWhere the time goes (median of the warm runs; the parts add up to the wall time)');
const labels = warm[0]?.parts.map((p) => p.label) ?? [];
for (const label of labels) {
  const values = warm.map((r) => r.parts.find((p) => p.label === label)?.ms ?? NaN);
  const coldPart = cold.parts.find((p) => p.label === label)?.ms;
  console.log(`  ${seconds(median(values)).padStart(7)}  ${label}${coldPart !== undefined ? `  (cold: ${seconds(coldPart)})` : ''}`);
}
if (results.some((r) => r.exit !== 0)) process.exitCode = 1;
