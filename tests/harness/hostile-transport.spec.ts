import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { beyondPlainGet, carryingCredentials, describeRecords, startSink, type Sink } from './sink';
import { readConformance, runSuite, type SuiteRun } from './support';

/**
 * The harness against the reference OP's transport hostility (fixtures/reference-op/hostile/
 * transport.ts), with a recording sink on another loopback host: nothing carrying a credential — in
 * fact nothing but plain GETs — reaches the sink, and the run ends by itself, INCOMPLETE (exit 2),
 * in one sentence that names what to fix, in bounded time and memory. Each case answers a way a
 * target can take the operator's credentials or the machine.
 */
test.describe.configure({ mode: 'parallel' });

const ONE_GIB = 1024 * 1024 * 1024;

/**
 * What a hostile run may cost: it must end by itself within about two minutes and far under 1 GiB.
 * Past either bound the watchdog ends it (SIGKILL), so that a missing protection fails the test
 * instead of filling the machine's memory or outliving the test.
 */
const BOUNDS = { ms: 120_000, bytes: ONE_GIB };

/** Samples the runner's peak resident memory (VmHWM; the last sample before exit is the peak) and enforces BOUNDS. */
function watchdog(): { watch: (child: ChildProcess) => void; peak: () => number; exceeded: () => string | undefined; stop: () => void } {
  const started = Date.now();
  let peak = 0;
  let exceeded: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sample = (child: ChildProcess) => {
    try {
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb * 1024);
    } catch {
      // The process has ended.
    }
    if (exceeded) return;
    if (peak > BOUNDS.bytes) exceeded = `the runner's memory passed ${BOUNDS.bytes / ONE_GIB} GiB`;
    else if (Date.now() - started > BOUNDS.ms) exceeded = `the run was still going after ${BOUNDS.ms / 1000} s`;
    if (exceeded) child.kill('SIGKILL');
  };
  return {
    watch: (child) => {
      if (timer || child.pid === undefined) return;
      timer = setInterval(() => sample(child), 100);
    },
    peak: () => peak,
    exceeded: () => exceeded,
    stop: () => clearInterval(timer),
  };
}

type HostileRun = SuiteRun & { peakBytes: number; ms: number; exceeded: string | undefined };

async function hostileRun(hostile: string, sink: Sink | undefined, args: string[] = ['--grep', 'RS-REV-1\\b']): Promise<HostileRun> {
  const dog = watchdog();
  const started = Date.now();
  try {
    const run = await runSuite(
      args,
      { JANS_EMBEDDED_HOSTILE: hostile, ...(sink ? { JANS_EMBEDDED_HOSTILE_SINK: sink.url } : {}) },
      { onSpawn: (child) => dog.watch(child) },
    );
    return { ...run, peakBytes: dog.peak(), ms: Date.now() - started, exceeded: dog.exceeded() };
  } finally {
    dog.stop();
  }
}

function expectSinkUntouched(sink: Sink): void {
  expect(describeRecords(carryingCredentials(sink.records)), 'nothing carrying a credential may reach an untrusted origin').toBe('nothing');
  expect(describeRecords(beyondPlainGet(sink.records)), 'nothing but plain GETs may reach an untrusted origin').toBe('nothing');
}

/** The run stopped INCOMPLETE in one sentence, printed on one line, that matches every pattern. */
function expectStopped(run: HostileRun, ...patterns: RegExp[]): string {
  expect(run.exceeded, 'the run must end by itself, in bounded time and memory').toBeUndefined();
  expect(run.code, run.output.slice(-3000)).toBe(2);
  const report = readConformance(run.reportsDir);
  expect(report.overall).toBe('INCOMPLETE');
  const sentence = report.stopped?.sentence ?? '';
  for (const pattern of patterns) expect(sentence).toMatch(pattern);
  expect(sentence).not.toContain('\n');
  expect(run.output).toContain(`INCOMPLETE: ${sentence}`);
  return sentence;
}

test.describe('credentials stay on trusted origins', () => {
  let sink: Sink;
  test.beforeEach(async () => {
    sink = await startSink();
  });
  test.afterEach(async () => {
    await sink.close();
  });

  test('discovery names the token, userinfo, introspection and revocation endpoints on another host over plain http', async () => {
    const run = await hostileRun('foreign-endpoints', sink);
    const origin = sink.origin.replace(/\./g, '\\.');
    expectStopped(
      run,
      new RegExp(`^Discovery names token_endpoint, userinfo_endpoint and introspection_endpoint at ${origin}:`),
      /plain http/,
      /JANS_TRUSTED_ORIGINS/,
      /nothing was sent there\.$/,
    );
    expectSinkUntouched(sink);
  });

  test('discovery names only the revocation claims elsewhere: the claims are judged, never called with credentials', async () => {
    const run = await hostileRun('foreign-revocation-claims', sink, ['--grep', 'DISC']);
    const report = readConformance(run.reportsDir);
    const verdict = (id: string) => report.requirements.find((r) => r.id === id)?.verdict;
    // The origin checks judge the claim without calling it (SHOULD requirements: WARNING).
    expect(verdict('RS-DISC-3')).toBe('WARNING');
    expect(verdict('GTR-DISC-3')).toBe('WARNING');
    // Whether the claim serves the endpoint cannot be known without calling it: not judged.
    for (const id of ['RS-DISC-4', 'GTR-DISC-2']) {
      const requirement = report.requirements.find((r) => r.id === id);
      expect(requirement?.verdict).toBe('ERROR');
      expect(requirement?.reason).toContain(`refused to send a POST request to ${sink.origin}`);
    }
    expect(run.code).toBe(2);
    expectSinkUntouched(sink);
  });

  test("the login page's form posts to another origin", async () => {
    const run = await hostileRun('foreign-login-form', sink);
    expectStopped(
      run,
      /could not log in through the target's login page: the login form posts to http:\/\/127\.0\.0\.2:\d+\/jans-auth\/interaction\//,
      /does not fill it in/,
      /JANS_TRUSTED_ORIGINS/,
    );
    expectSinkUntouched(sink);
  });

  test('the login post is redirected (307) to another origin: the browser refuses to post the password there', async () => {
    const run = await hostileRun('foreign-login-redirect', sink);
    expectStopped(
      run,
      /the login page had the browser send form data \(POST http:\/\/127\.0\.0\.2:\d+\/collect-login\)/,
      /which the browser refused/,
      /JANS_TRUSTED_ORIGINS/,
    );
    expectSinkUntouched(sink);
  });
});

test.describe('bounded answers', () => {
  // The run must end by itself within BOUNDS (the watchdog's); the test's timeout leaves room for it.
  test.describe.configure({ timeout: BOUNDS.ms + 30_000 });

  test('an endless discovery body', async () => {
    const run = await hostileRun('endless-discovery', undefined);
    expectStopped(run, /\/\.well-known\/openid-configuration answered with a body over 4 MiB/);
    expect(run.peakBytes, 'the runner memory stays far under 1 GiB').toBeLessThan(ONE_GIB / 2);
    test.info().annotations.push({ type: 'measured', description: `${run.ms} ms, runner peak RSS ${Math.round(run.peakBytes / 1024 / 1024)} MiB` });
  });

  test('a token endpoint that answers one byte a second', async () => {
    const run = await hostileRun('drip-token', undefined);
    expectStopped(run, /\/jans-auth\/restv1\/token did not finish its answer within 30 s/);
    expect(run.peakBytes, 'the runner memory stays far under 1 GiB').toBeLessThan(ONE_GIB / 2);
    test.info().annotations.push({ type: 'measured', description: `${run.ms} ms, runner peak RSS ${Math.round(run.peakBytes / 1024 / 1024)} MiB` });
  });
});
