import { test, expect } from '@playwright/test';
import { opEnv, runSuite, startOpProcess } from './support';

/** A target that cannot be tested gets one sentence saying what is wrong, never a stack trace. */
test.describe.configure({ mode: 'parallel' });

const NO_STACK = /\n\s+at .*:\d+:\d+/;

test('an unreachable issuer', async () => {
  const run = await runSuite(['--grep', 'RS-DISC-1'], { JANS_ISSUER: 'https://127.0.0.1:9', JANS_ADMIN_CLIENT_ID: 'x', JANS_ADMIN_CLIENT_SECRET: 'y' });
  expect(run.code).not.toBe(0);
  expect(run.output).toContain('Cannot reach https://127.0.0.1:9: connection refused');
  expect(run.output).not.toMatch(NO_STACK);
});

test('wrong admin credentials', async () => {
  const op = await startOpProcess();
  try {
    const run = await runSuite(['--grep', 'RS-DISC-1'], { ...opEnv(op), JANS_ADMIN_CLIENT_SECRET: 'not-the-secret' });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(`The target refused the admin client "${op.adminClientId}"`);
    expect(run.output).not.toContain('not-the-secret');
    expect(run.output).not.toMatch(NO_STACK);
  } finally {
    await op.stop();
  }
});

test('an untrusted certificate without JANS_CA_FILE', async () => {
  const op = await startOpProcess();
  try {
    const { JANS_CA_FILE: _ca, ...env } = opEnv(op);
    const run = await runSuite(['--grep', 'RS-DISC-1'], env);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/TLS verification failed for https:\/\/127\.0\.0\.1:\d+ \(\w+\): set JANS_CA_FILE/);
    expect(run.output).not.toMatch(NO_STACK);
  } finally {
    await op.stop();
  }
});

test('a bad configuration value', async () => {
  const run = await runSuite(['--grep', 'RS-DISC-1'], { JANS_PROFILE: 'strict' });
  expect(run.code).not.toBe(0);
  expect(run.output).toContain('JANS_PROFILE="strict" is unknown: use janssen or generic.');
  expect(run.output).not.toMatch(NO_STACK);
});

test('JANS_INSECURE_TLS=true is the explicit way past an untrusted certificate', async () => {
  const op = await startOpProcess();
  try {
    const { JANS_CA_FILE: _ca, ...env } = opEnv(op);
    const run = await runSuite(['--grep', 'RS-REV-1\\b'], { ...env, JANS_INSECURE_TLS: 'true' });
    expect(run.code, run.output.slice(-2000)).toBe(0);
  } finally {
    await op.stop();
  }
});
