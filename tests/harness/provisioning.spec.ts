import { test, expect } from '@playwright/test';
import { snapshotOf } from '../../fixtures/flows/flag-switch';
import { opEnv, readConformance, runSuite, startOpProcess, type OpProcess } from './support';

/**
 * Provisioning mode end to end against the reference OP started on its own (as `npm run
 * reference-op` does) and set up as a stock Janssen is: configuration changes reach the auth
 * server at its next reload (a timer, here 3 s), and discovery is served from a cache kept for 60
 * minutes that a flag change does not evict. The harness is given only the issuer, the admin
 * credentials and the CA file. featureFlags and discoveryCacheLifetimeInMinutes must be
 * byte-identical after every run, also after a Ctrl-C in the flag phase, and after a SIGKILL once
 * the next run has started.
 */
test.describe.configure({ mode: 'parallel' });

const FLAGS = 'revoke_session,global_token_revocation,status_session,end_session,userinfo';
const values = async (op: OpProcess) => JSON.stringify(snapshotOf(await op.configApi().authConfig()), ['featureFlags', 'discoveryCacheLifetimeInMinutes']);

test('a stock setup (reload timer, cached discovery): PASS, RS-FLAG-6 warns with the staleness seen, values as found', async () => {
  test.setTimeout(600_000);
  const op = await startOpProcess({ REFOP_FEATURE_FLAGS: FLAGS, REFOP_FLAG_DELAY_MS: '3000' });
  try {
    const before = await values(op);
    expect(JSON.parse(before)).toEqual({ featureFlags: FLAGS.split(','), discoveryCacheLifetimeInMinutes: 60 });
    const run = await runSuite([], { ...opEnv(op), JANS_FLAG_TIMEOUT_MS: '20000' });
    expect(run.code, run.output.slice(-4000)).toBe(0);
    const report = readConformance(run.reportsDir);
    expect(report.overall).toBe('PASS');
    const byId = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
    expect(report.requirements.filter((r) => ['FAIL', 'ERROR'].includes(r.verdict))).toEqual([]);
    expect(byId['RS-FLAG-1']?.verdict).toBe('PASS');
    expect(byId['RS-FLAG-6']?.verdict).toBe('WARNING');
    expect(JSON.stringify(byId['RS-FLAG-6'])).toMatch(/discovery stayed stale for \d+ ms after the reload until a forced rebuild/);
    expect(await values(op), 'featureFlags and discoveryCacheLifetimeInMinutes byte-identical after the run').toBe(before);
  } finally {
    await op.stop();
  }
});

/** Runs the flag phase and sends `signal` as soon as the harness has switched a flag off. */
async function interruptFlagPhase(signal: NodeJS.Signals, reportsDir?: string) {
  const op = await startOpProcess({ REFOP_FEATURE_FLAGS: FLAGS });
  const before = await values(op);
  let sent = false;
  const run = await runSuite(['--project', 'feature-flag'], { ...opEnv(op), JANS_FLAG_TIMEOUT_MS: '20000' }, {
    reportsDir,
    onOutput: (_text, child) => {
      void values(op).then((now) => {
        if (!sent && now !== before) {
          sent = true;
          child.kill(signal);
        }
      });
    },
  });
  return { op, before, sent, run };
}

test('a run interrupted during the flag phase restores the values exactly (Ctrl-C)', async () => {
  test.setTimeout(300_000);
  const { op, before, sent, run } = await interruptFlagPhase('SIGINT');
  try {
    expect(sent, run.output.slice(-2000)).toBe(true);
    expect(run.code).not.toBe(0);
    expect(await values(op)).toBe(before);
  } finally {
    await op.stop();
  }
});

test('a run killed outright is repaired by the next run before it tests anything', async () => {
  test.setTimeout(300_000);
  const { op, before, sent, run } = await interruptFlagPhase('SIGKILL');
  try {
    expect(sent, run.output.slice(-2000)).toBe(true);
    expect(await values(op)).not.toBe(before);
    const second = await runSuite(['--grep', 'RS-DISC-1'], opEnv(op), { reportsDir: run.reportsDir });
    expect(second.output).toContain('Restoring values left changed by an interrupted run');
    expect(second.code, second.output.slice(-2000)).toBe(0);
    expect(await values(op)).toBe(before);
  } finally {
    await op.stop();
  }
});
