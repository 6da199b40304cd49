import { test, expect } from '@playwright/test';
import { opEnv, readConformance, runSuite, startOpProcess } from './support';

/**
 * Provisioning mode end to end: the reference OP started on its own (as `npm run reference-op`
 * does), the harness given only the issuer, the admin credentials and the CA file. The OP applies
 * flag changes after a delay, as Janssen does, so a passing flag phase proves the harness polls.
 */
test.describe.configure({ mode: 'parallel' });

const FLAGS = 'revoke_session,status_session,end_session,userinfo';

test('the suite passes against a separately started OP and leaves featureFlags as found', async () => {
  test.setTimeout(600_000);
  const op = await startOpProcess({ REFOP_FEATURE_FLAGS: FLAGS, REFOP_FLAG_DELAY_MS: '1500' });
  try {
    const before = await op.configApi().getFeatureFlags();
    expect(before).toEqual(FLAGS.split(','));
    const run = await runSuite([], { ...opEnv(op), JANS_FLAG_TIMEOUT_MS: '20000' });
    expect(run.code, run.output.slice(-4000)).toBe(0);
    const report = readConformance(run.reportsDir);
    expect(report.overall).toBe('PASS');
    expect(report.requirements.filter((r) => r.verdict === 'FAIL')).toEqual([]);
    expect(await op.configApi().getFeatureFlags()).toEqual(before);
  } finally {
    await op.stop();
  }
});

/** Runs the flag phase and sends `signal` as soon as the harness has switched the flag off. */
async function interruptFlagPhase(signal: NodeJS.Signals, reportsDir?: string) {
  const op = await startOpProcess({ REFOP_FEATURE_FLAGS: FLAGS });
  const api = op.configApi();
  const before = await api.getFeatureFlags();
  let sent = false;
  const run = await runSuite(['--project', 'feature-flag'], { ...opEnv(op), JANS_FLAG_TIMEOUT_MS: '20000' }, {
    reportsDir,
    onOutput: (_text, child) => {
      void api.getFeatureFlags().then((flags) => {
        if (!sent && JSON.stringify(flags) !== JSON.stringify(before)) {
          sent = true;
          child.kill(signal);
        }
      });
    },
  });
  return { op, api, before, sent, run };
}

test('a run interrupted during the flag phase restores featureFlags (Ctrl-C)', async () => {
  test.setTimeout(300_000);
  const { op, api, before, sent, run } = await interruptFlagPhase('SIGINT');
  try {
    expect(sent, run.output.slice(-2000)).toBe(true);
    expect(run.code).not.toBe(0);
    expect(await api.getFeatureFlags()).toEqual(before);
  } finally {
    await op.stop();
  }
});

test('a run killed outright is repaired by the next run before it tests anything', async () => {
  test.setTimeout(300_000);
  const { op, api, before, sent, run } = await interruptFlagPhase('SIGKILL');
  try {
    expect(sent, run.output.slice(-2000)).toBe(true);
    expect(await api.getFeatureFlags()).not.toEqual(before);
    const second = await runSuite(['--grep', 'RS-DISC-1'], opEnv(op), { reportsDir: run.reportsDir });
    expect(second.output).toContain('Restoring featureFlags left changed by an interrupted run');
    expect(second.code, second.output.slice(-2000)).toBe(0);
    expect(await api.getFeatureFlags()).toEqual(before);
  } finally {
    await op.stop();
  }
});
