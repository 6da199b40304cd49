import { test, expect } from '@playwright/test';
import { Ledger } from '../../fixtures/access/ledger';
import { UNANSWERED_LIMIT } from '../../fixtures/access/reachability';
import { opEnv, readConformance, runSuite, startOpProcess } from './support';

/**
 * A target that goes away mid-run ends the run INCOMPLETE within seconds, in one sentence, instead
 * of every remaining check waiting out its timeouts and ending ERROR: the reference OP, started on
 * its own as a real server would run, is killed once the run has judged a few requirements.
 */
const NO_STACK = /\n\s+at .*:\d+:\d+/;

test('the target killed mid-run: INCOMPLETE within 30 s with one sentence, the checks not yet done NOT_RUN, none FAIL', async () => {
  test.setTimeout(300_000);
  const op = await startOpProcess();
  let killedAt: number | undefined;
  try {
    const run = await runSuite(
      [],
      // One worker: the stop still crosses processes (the worker Playwright starts after the check
      // that met the dead target, the flag phase's worker, the runner), with less of a loaded
      // machine's CPU spent on a second browser.
      { ...opEnv(op), JANS_WORKERS: '1' },
      {
        onOutput: (output) => {
          // A few verdicts in: the checks are under way.
          if (killedAt === undefined && /^\[\s*5\/\d+\]/m.test(output)) {
            killedAt = Date.now();
            op.child.kill('SIGKILL');
          }
        },
      },
    );
    const endedAt = Date.now();
    expect(killedAt, run.output.slice(-3000)).toBeDefined();
    expect(endedAt - (killedAt as number), `the run ends within 30 s of the target going away\n${run.output.slice(-5000)}`).toBeLessThan(30_000);
    expect(run.code, run.output.slice(-3000)).toBe(2);

    const report = readConformance(run.reportsDir);
    expect(report.overall).toBe('INCOMPLETE');
    expect(report.stopped).toMatchObject({ kind: 'incomplete', midRun: true });
    const sentence = report.stopped?.sentence ?? '';
    expect(sentence).toMatch(
      /^The target stopped answering: \d+ requests in a row to https:\/\/127\.0\.0\.1:\d+ got no answer \(.*connection refused.*\) — check that it is running/,
    );
    expect(report.reasons[0]).toBe(sentence);
    // One sentence on the console, as the summary's banner; no stack traces.
    expect(run.output).toContain(`INCOMPLETE: ${sentence}`);
    expect(run.output).not.toMatch(NO_STACK);

    const verdicts = report.requirements.map((r) => r.verdict);
    expect(
      verdicts.filter((v) => v === 'FAIL'),
      'a target that went away is never blamed',
    ).toEqual([]);
    expect(verdicts.filter((v) => v === 'NOT_RUN').length, 'the checks after the stop did not run').toBeGreaterThan(20);
    // ERROR only for the checks that met the target gone before the stop, each with at least one of
    // the unanswered requests that stopped the run (the one under way, a new worker's first contact), not for every one after.
    const erroredTests = new Set(
      report.requirements.filter((r) => r.verdict === 'ERROR').flatMap((r) => r.tests.filter((t) => t.harnessError).map((t) => t.id)),
    );
    expect(erroredTests.size).toBeLessThanOrEqual(UNANSWERED_LIMIT);
  } finally {
    await op.stop();
    // The run could not undo what it made on a server that is gone; that server is gone for good.
    new Ledger(op.issuer).clear();
  }
});
