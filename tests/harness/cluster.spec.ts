import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { visibilityFile } from '../../fixtures/run/waiting-workers';
import { opEnv, readConformance, runSuite, startOpProcess, type ConformanceSummary, type OpProcess } from './support';

/**
 * A Janssen cluster end to end: the reference OP in multi-node mode (three nodes sharing one store,
 * each with Janssen's 2 s node-local session cache, the issuer's URL round-robin over them), judged
 * with no grace period set — once through the issuer's URL alone, once with JANS_NODE_URLS. The
 * preflight measures how long a revocation takes to show and the checks allow exactly that, so the
 * verdict must be a single server's, requirement by requirement; a node that never lets go of a
 * session it cached must FAIL the checks that probe it, by its URL. The runs' times are recorded
 * as annotations (`npm run bench` is where times are judged), never asserted.
 */

/** What the embedded run sets besides the target: blank criterion values and the multi-step method, so that every requirement is judged. */
const JUDGE_EVERYTHING = { JANS_UNSCOPED_PROBES: 'true', JANS_MULTI_STEP_ACR: 'multi_step', JANS_FLAG_TIMEOUT_MS: '5000' };

/** How many workers ran checks side by side: the parallel indexes in the run's Allure results (`thread` labels end in `worker-<index>`). */
function parallelWorkers(reportsDir: string): number {
  const dir = join(reportsDir, 'allure-results');
  const threads = readdirSync(dir)
    .filter((name) => name.endsWith('-result.json'))
    .map((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { labels?: { name: string; value: string }[] }).labels ?? [])
    .map((labels) => labels.find((l) => l.name === 'thread')?.value.match(/worker-(\d+)$/)?.[1]);
  return new Set(threads.filter((t) => t !== undefined)).size;
}

const verdicts = (report: ConformanceSummary) => Object.fromEntries(report.requirements.map((r) => [r.id, r.verdict]));

async function timedRun(op: OpProcess, env: Record<string, string> = {}, args: string[] = []) {
  const started = Date.now();
  const run = await runSuite(args, { ...opEnv(op), ...JUDGE_EVERYTHING, ...env });
  return { ...run, ms: Date.now() - started };
}

test('three nodes, no grace set, node by node and through one URL: the single server’s verdict, the measured visibility in the header', async () => {
  test.setTimeout(900_000);
  const single = await startOpProcess();
  let one: Awaited<ReturnType<typeof timedRun>>;
  try {
    one = await timedRun(single);
  } finally {
    await single.stop();
  }
  expect(one.code, one.output.slice(-3000)).toBe(0);
  const alone = readConformance(one.reportsDir);
  // One server shows a removal at once: nothing to wait for.
  expect(alone.target.preflight?.visibility).toMatchObject({ source: 'measured', through: 'issuer', everywhereMs: 0, graceMs: 0 });

  const cluster = await startOpProcess({ REFOP_NODES: '3' });
  try {
    expect(cluster.nodeUrls).toHaveLength(3);
    // A first run through the issuer's URL alone learns in its preflight that revocation takes time
    // to show, and waits side by side from then on (fixtures/run/waiting-workers.ts); node URLs say
    // it before the run.
    const balanced = await timedRun(cluster);
    const nodeByNode = await timedRun(cluster, { JANS_NODE_URLS: cluster.nodeUrls.join(',') });
    test.info().annotations.push({
      type: 'times',
      description: `one server ${one.ms} ms; three nodes through one URL (a first run) ${balanced.ms} ms (${(balanced.ms / one.ms).toFixed(2)}×); with JANS_NODE_URLS ${nodeByNode.ms} ms (${(nodeByNode.ms / one.ms).toFixed(2)}×)`,
    });
    expect(balanced.output, 'the grace this run measured').toMatch(/this run waits it out on 4 workers side by side/);
    expect(balanced.output).toMatch(/on 4 worker\(s\)/);
    expect(parallelWorkers(balanced.reportsDir), 'Playwright really started 4 workers, not only said so').toBe(4);
    expect(nodeByNode.output).toMatch(/on 4 worker\(s\)/);
    for (const [name, run] of [
      ['with JANS_NODE_URLS', nodeByNode],
      ['through one URL', balanced],
    ] as const) {
      expect(run.code, `${name}: ${run.output.slice(-3000)}`).toBe(0);
      const report = readConformance(run.reportsDir);
      expect(verdicts(report), `${name}: every requirement as against one server`).toEqual(verdicts(alone));
      const visibility = report.target.preflight?.visibility;
      // The node cache keeps a removed session visible elsewhere for up to 2 s: measured, and allowed for.
      expect(visibility?.source, name).toBe('measured');
      expect(visibility?.everywhereMs, name).toBeGreaterThan(500);
      expect(visibility?.graceMs, name).toBeGreaterThan(visibility?.everywhereMs as number);
      expect(visibility?.graceMs, name).toBeLessThanOrEqual(5_000);
      const header = readFileSync(join(run.reportsDir, 'conformance.md'), 'utf8');
      expect(header, name).toMatch(/\| Revocation visibility \| `revocation visible everywhere after \d\.\d s \(.*\); grace \d\.\d s` \|/);
    }
    const known = readConformance(nodeByNode.reportsDir);
    expect(known.target.preflight?.visibility?.through).toBe('nodes');
    expect(known.target.preflight?.visibility?.nodes?.map((n) => n.url)).toEqual(cluster.nodeUrls);
    // The node that handled the revocation evicts its own cache: a "nothing revoked" read there is certain at once.
    expect(known.target.preflight?.visibility?.callingNodeGraceMs).toBe(0);
    // Evidence says which node saw what: the login's node, the calling node, and when each let go.
    const revoked = JSON.stringify(known.requirements.find((r) => r.id === 'RS-REV-1')?.evidence);
    expect(revoked).toMatch(/logged in at https:\/\/127\.0\.0\.1:\d+, called at https:\/\/127\.0\.0\.1:\d+/);
    expect(revoked).toMatch(/by node: (https:\/\/127\.0\.0\.1:\d+ after \d+ ms(, )?){3}/);
    expect(readConformance(balanced.reportsDir).target.preflight?.visibility?.through).toBe('issuer');
  } finally {
    await cluster.stop();
    // What the runs remembered about this issuer (fixtures/run/waiting-workers.ts): its port may serve another self-test's OP later.
    rmSync(visibilityFile(cluster.issuer), { force: true });
  }
});

test('node-never-forgets, with JANS_NODE_URLS: the checks that probe the node FAIL naming it, and so does the header', async () => {
  test.setTimeout(300_000);
  const cluster = await startOpProcess({ REFOP_NODES: '3', REFOP_FAULTS: 'node-never-forgets' });
  try {
    const last = cluster.nodeUrls[2] as string;
    // The main revocation check reads every node before the call, so the last node holds the session then.
    const run = await timedRun(cluster, { JANS_NODE_URLS: cluster.nodeUrls.join(',') }, ['--grep', '@RS-AUTH-5']);
    expect(run.code, run.output.slice(-3000)).toBe(1);
    const report = readConformance(run.reportsDir);
    const visibility = report.target.preflight?.visibility;
    expect(visibility?.everywhereMs, 'the preflight saw the removal never show at the last node').toBeNull();
    expect(visibility?.nodes?.find((n) => n.url === last)?.goneAfterMs).toBeNull();
    expect(visibility?.graceMs, 'the grace stops at the bound and hides nothing').toBe(5_000);
    expect(visibility?.note).toContain(`revocation still visible at ${last}`);
    const rev1 = report.requirements.find((r) => r.id === 'RS-REV-1');
    expect(rev1?.verdict).toBe('FAIL');
    expect(rev1?.reason).toContain(`still served at ${last}`);
    expect(report.requirements.find((r) => r.id === 'RS-REV-3')?.verdict, 'the bystander is judged on its own').toBe('PASS');
  } finally {
    await cluster.stop();
    // What the runs remembered about this issuer (fixtures/run/waiting-workers.ts): its port may serve another self-test's OP later.
    rmSync(visibilityFile(cluster.issuer), { force: true });
  }
});
