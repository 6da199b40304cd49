/**
 * `npm run bench`: where the time of a conformance run goes, and how the reference OP's revocation
 * scales. Performance targets live here, never in timed test assertions.
 *
 *   BENCH_RUNS=3   full conformance runs against the embedded OP (the first is the cold one)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../fixtures/paths';
import { ArtifactStore } from '../fixtures/reference-op/store';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function suiteRun(): { wallMs: number; setupMs: number; testsMs: number; tests: number; exit: number | null } {
  const reports = mkdtempSync(join(tmpdir(), 'rs-bench-'));
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--reporter=dot', '--output', join(reports, 'test-results')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, JANS_REPORTS_DIR: reports },
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as {
    requirements: { tests: { durationMs: number }[] }[];
  };
  const info = JSON.parse(readFileSync(join(reports, '.run', 'target.json'), 'utf8')) as { setupMs?: number };
  const durations = report.requirements.flatMap((r) => r.tests.map((t) => t.durationMs));
  return { wallMs, setupMs: info.setupMs ?? NaN, testsMs: durations.reduce((a, b) => a + b, 0), tests: durations.length, exit: result.status };
}

function revokeScaling(others: number): { medianUs: number; bytesPerSession: number } {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const store = new ArtifactStore(3_600_000);
  const session = (accountId: string, i: number) => ({ accountId, uid: `uid-${accountId}-${i}`, jti: `${accountId}-${i}`, loginTs: 1, exp: 2e9, kind: 'Session', authorizations: { client: { sid: `sid-${i}`, grantId: `g-${i}` } } });
  for (let i = 0; i < others; i++) store.set('Session', `other-${i}`, session(`acct-${i % 5000}`, i), 86_400);
  const heap = process.memoryUsage().heapUsed - before;
  const samples: number[] = [];
  for (let round = 0; round < 500; round++) {
    for (let i = 0; i < 10; i++) store.set('Session', `target-${i}`, session('target-user', i), 86_400);
    const t = performance.now();
    for (const { id } of store.sessionsOf('target-user')) store.remove('Session', id);
    samples.push((performance.now() - t) * 1000);
  }
  store.close();
  return { medianUs: median(samples), bytesPerSession: heap / others };
}

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);

console.log('\nReference OP: revoking a user with 10 sessions (store level, median of 500)');
const small = revokeScaling(1_000);
const large = revokeScaling(100_000);
console.log(`  with   1,000 other sessions: ${small.medianUs.toFixed(1)} µs`);
console.log(`  with 100,000 other sessions: ${large.medianUs.toFixed(1)} µs  (ratio ${(large.medianUs / small.medianUs).toFixed(2)}×, target ≤ 1.5×)`);
console.log(`  memory: ~${Math.round(large.bytesPerSession)} bytes per session`);

const runs = Number(process.env.BENCH_RUNS ?? 3);
console.log(`\nFull conformance run against the embedded OP (${runs} runs)`);
const results = Array.from({ length: runs }, (_, i) => {
  const r = suiteRun();
  console.log(`  run ${i + 1}: ${fmt(r.wallMs)} wall (exit ${r.exit}); global setup incl. OP start ${fmt(r.setupMs)}; ${r.tests} tests, ${fmt(r.testsMs)} in tests`);
  return r;
});
const warm = results.slice(1).map((r) => r.wallMs);
console.log(`  cold: ${fmt(results[0]?.wallMs ?? NaN)}   warm median: ${warm.length ? fmt(median(warm)) : 'n/a'}   median of all: ${fmt(median(results.map((r) => r.wallMs)))}`);
console.log('  the rest of the wall time is Playwright start, browser launch per worker, and reporters.');
