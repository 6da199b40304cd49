import { test, expect } from '@playwright/test';
import { KNOWN_FLAGS } from '../../fixtures/access/feature-flags';
import { readConformance, runSuite } from './support';

/**
 * The cases a QA engineer meets on the first run against a real server, each with its true answer:
 * a probe the target switched off, a build without the endpoint, a login page the harness was not
 * told about, and a flag a sharded run may not switch. None of them may blame the target for the
 * harness's part.
 */
test.describe.configure({ mode: 'parallel' });

const NO_STACK = /\n\s+at .*:\d+:\d+/;

test('STATUS_SESSION off: prompt=none alone decides, RS-REV-2 is SKIPPED with the reason, the run passes', async () => {
  test.setTimeout(300_000);
  const flags = KNOWN_FLAGS.filter((f) => f !== 'status_session').join(',');
  const run = await runSuite([], { JANS_EMBEDDED_FEATURE_FLAGS: flags });
  expect(run.code, run.output.slice(-3000)).toBe(0);
  const report = readConformance(run.reportsDir);
  expect(report.target.preflight?.sessionStatus.available).toBe(false);
  expect(report.target.preflight?.sessionStatus.note).toContain('403 (STATUS_SESSION off)');
  const byId = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
  expect(byId['RS-REV-2']?.verdict).toBe('SKIPPED');
  expect(byId['RS-REV-2']?.reason).toContain('STATUS_SESSION off');
  expect(report.requirements.filter((r) => ['FAIL', 'ERROR'].includes(r.verdict))).toEqual([]);
  expect(JSON.stringify(byId['RS-REV-1']?.evidence)).toContain('prompt=none alone: session_status unavailable');
});

test('a newest build (revoke_session gone, its path still mapped by the filter): one NOT_PROVIDED verdict, no cascade', async () => {
  test.setTimeout(300_000);
  const run = await runSuite([], { JANS_EMBEDDED_ENDPOINTS: 'global_token_revocation' });
  expect(run.code, run.output.slice(-3000)).toBe(0);
  const report = readConformance(run.reportsDir);
  const rs = report.endpoints.find((e) => e.name === 'revoke_session');
  expect(rs?.verdict).toBe('NOT_PROVIDED');
  expect(rs?.note).toContain('POST /jans-auth/restv1/revoke_session with valid client credentials → 404');
  expect(report.requirements.filter((r) => r.id.startsWith('RS-') && r.verdict !== 'SKIPPED')).toEqual([]);
});

test('a newest build with JANS_ENDPOINTS=revoke_session: FAIL in one sentence, before any test', async () => {
  const started = Date.now();
  const run = await runSuite([], { JANS_EMBEDDED_ENDPOINTS: 'global_token_revocation', JANS_ENDPOINTS: 'revoke_session' });
  expect(run.code, run.output.slice(-3000)).toBe(1);
  expect(run.output).toContain('The target does not provide revoke_session (JANS_ENDPOINTS names it)');
  expect(run.output).not.toMatch(NO_STACK);
  expect(readConformance(run.reportsDir).stopped?.kind).toBe('fail');
  expect(Date.now() - started).toBeLessThan(15_000);
});

test('a login page the harness was not told about: INCOMPLETE (exit 2) in one sentence within seconds, no FAIL', async () => {
  const started = Date.now();
  const run = await runSuite([], { JANS_LOGIN_PASSWORD_SELECTOR: '#password-of-a-custom-page' });
  expect(run.code, run.output.slice(-3000)).toBe(2);
  expect(run.output).toContain(
    "The harness could not log in through the target's login page: the login page has no password field: check JANS_LOGIN_PASSWORD_SELECTOR (#password-of-a-custom-page)",
  );
  expect(run.output).not.toMatch(NO_STACK);
  const report = readConformance(run.reportsDir);
  expect(report.overall).toBe('INCOMPLETE');
  expect(report.requirements.filter((r) => r.verdict === 'FAIL')).toEqual([]);
  expect(Date.now() - started).toBeLessThan(15_000);
});

test('a sharded run never switches a flag: a disabled REVOKE_SESSION stops it in one sentence', async () => {
  const flags = KNOWN_FLAGS.filter((f) => f !== 'revoke_session').join(',');
  const run = await runSuite(['--shard', '1/2'], { JANS_EMBEDDED_FEATURE_FLAGS: flags });
  expect(run.code, run.output.slice(-3000)).toBe(2);
  expect(run.output).toContain(
    'REVOKE_SESSION is disabled on the target and a sharded run never switches feature flags: enable it in featureFlags, or run unsharded.',
  );
});

test('JANS_ENDPOINTS and Playwright options with values are not mistaken for file filters (--retries 0)', async () => {
  const run = await runSuite(['--retries', '0', '--grep', 'RS-FLAG-2'], {});
  expect(run.code, run.output.slice(-3000)).toBe(0);
  expect(readConformance(run.reportsDir).requirements.find((r) => r.id === 'RS-FLAG-2')?.verdict).toBe('PASS');
});
