import { expect, test } from '@playwright/test';
import type { RunHeader, TestRecord } from '../../fixtures/reporting/report-types';
import { verdictFor } from '../../fixtures/reporting/requirement-verdict';
import { buildReport } from '../../fixtures/reporting/verdict';
import { renderMarkdown, renderSummary } from '../../fixtures/reporting/markdown';
import { runHeader, schemaErrors, testRecord } from './helpers';

const t = testRecord;
const passed = t('passed', 'expected');
const failed = t('failed', 'unexpected', { error: 'Error: expected 401, got 200' });
const skipped = t('skipped', 'skipped', { skipReason: 'no admin access: cannot switch the feature flag' });

test('verdict table', () => {
  expect(verdictFor('MUST', [passed, passed], undefined).verdict).toBe('PASS');
  expect(verdictFor('MUST', [passed, failed], undefined)).toEqual({
    verdict: 'FAIL',
    reason: '1/2 test(s) failed: failed test — Error: expected 401, got 200',
  });
  expect(verdictFor('MUST', [t('timedOut', 'unexpected')], undefined).verdict).toBe('FAIL');
  expect(verdictFor('SHOULD', [failed], undefined).verdict).toBe('WARNING');
  expect(verdictFor('INFO', [failed], undefined).verdict).toBe('INFO');
  expect(verdictFor('INFO', [passed], undefined)).toEqual({ verdict: 'INFO' });
  expect(verdictFor('MUST', [t('passed', 'flaky')], undefined).verdict).toBe('PASS');
  // test.fail(): a failure that was expected by the test itself is not a failure.
  expect(verdictFor('MUST', [t('failed', 'expected')], undefined).verdict).toBe('PASS');
  expect(verdictFor('MUST', [passed, skipped], undefined)).toEqual({ verdict: 'PASS', reason: '1 test(s) passed, 1 skipped' });
  expect(verdictFor('SHOULD', [skipped, skipped], undefined)).toEqual({ verdict: 'SKIPPED', reason: 'no admin access: cannot switch the feature flag' });
  expect(verdictFor('INFO', [skipped], undefined).verdict).toBe('SKIPPED');
  expect(verdictFor('MUST', [t('skipped', 'skipped')], undefined).reason).toBe('skipped without a stated reason');
  expect(verdictFor('MUST', [], undefined).verdict).toBe('NOT_RUN');
  expect(verdictFor('MUST', [t('notRun', 'notRun')], undefined)).toEqual({ verdict: 'NOT_RUN', reason: 'selected but did not run (the run stopped early)' });
});

test('baseline entries: failing → EXPECTED_FAIL, passing → STALE_BASELINE, not run → unchanged', () => {
  expect(verdictFor('MUST', [failed], 'known bug').verdict).toBe('EXPECTED_FAIL');
  expect(verdictFor('SHOULD', [failed], 'known bug').verdict).toBe('EXPECTED_FAIL');
  expect(verdictFor('MUST', [passed], 'known bug').verdict).toBe('STALE_BASELINE');
  expect(verdictFor('MUST', [skipped], 'known bug').verdict).toBe('SKIPPED');
  expect(verdictFor('MUST', [], 'known bug').verdict).toBe('NOT_RUN');
});

test('a test the harness could not do its part of is ERROR, never FAIL; a proven failure beside it still is FAIL', () => {
  const errored = t('failed', 'unexpected', {
    error: 'HarnessError: The harness could not create a user',
    harnessError: 'The harness could not create a user: 403',
  });
  expect(verdictFor('MUST', [errored], undefined)).toEqual({
    verdict: 'ERROR',
    reason: 'not judged: 1/1 test(s) could not be done by the harness: failed test — The harness could not create a user: 403',
  });
  expect(verdictFor('MUST', [passed, errored], undefined).verdict).toBe('ERROR');
  expect(verdictFor('MUST', [failed, errored], undefined).verdict).toBe('FAIL');
  expect(verdictFor('SHOULD', [errored], undefined).verdict).toBe('ERROR');
  expect(verdictFor('INFO', [errored], undefined).verdict).toBe('ERROR');
  // A baseline entry cannot be judged stale or expected on a check the harness could not do.
  expect(verdictFor('MUST', [errored], 'known bug').verdict).toBe('ERROR');
});

test('in a test judging several requirements, one the harness could not do its part of is ERROR for that id only; its own failure outweighs', () => {
  const sentence = 'The login client got no refresh token: add the grant type refresh_token to the client.';
  const several = (extra: Partial<TestRecord>) => t('passed', 'expected', { ids: ['GTR-REV-1', 'GTR-TOK-2'], erroredIds: { 'GTR-TOK-2': sentence }, ...extra });
  expect(verdictFor('MUST', [several({})], undefined, 'GTR-TOK-2')).toEqual({
    verdict: 'ERROR',
    reason: `not judged: 1/1 test(s) could not be done by the harness: passed test — ${sentence}`,
  });
  expect(verdictFor('MUST', [several({})], undefined, 'GTR-REV-1').verdict).toBe('PASS');
  // Another id of the test failed: this one is still ERROR, the other FAIL.
  const otherFailed = several({ status: 'failed', outcome: 'unexpected', error: 'Requirement checks failed:', failedIds: { 'GTR-REV-1': 'a session lives' } });
  expect(verdictFor('MUST', [otherFailed], undefined, 'GTR-TOK-2').verdict).toBe('ERROR');
  expect(verdictFor('MUST', [otherFailed], undefined, 'GTR-REV-1').verdict).toBe('FAIL');
  // A part of this id that was judged failed: FAIL, whatever part could not be done.
  const ownFailed = several({ status: 'failed', outcome: 'unexpected', error: 'Requirement checks failed:', failedIds: { 'GTR-TOK-2': 'a token lives' } });
  expect(verdictFor('MUST', [ownFailed], undefined, 'GTR-TOK-2').verdict).toBe('FAIL');
  // A test skipped as a whole stays skipped.
  expect(verdictFor('MUST', [several({ status: 'skipped', outcome: 'skipped', skipReason: 'static mode' })], undefined, 'GTR-TOK-2').verdict).toBe('SKIPPED');
});

test.describe('an endpoint says PASS only when some of its tests ran', () => {
  const header = (stopped?: string): RunHeader => ({
    harnessVersion: '0.0.0',
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: '2025-01-01T00:00:01.000Z',
    durationMs: 1,
    playwrightStatus: 'passed',
    runInfo: {
      issuer: 'https://op.example',
      discoverySha256: null,
      profile: 'janssen',
      gtrProfile: 'janssen',
      mode: 'provisioning',
      harnessVersion: '0.0.0',
      catalogueVersion: '2',
      startedAt: '',
      ...(stopped ? { stopped: { kind: 'incomplete' as const, sentence: stopped } } : {}),
    },
  });
  const rs = t('passed', 'expected', { ids: ['RS-DISC-1'] });
  const build = (tests: TestRecord[], stopped?: string) => {
    const report = buildReport({ header: header(stopped), tests, baseline: null, problems: [], globalErrors: [] });
    expect(schemaErrors(report), 'what buildReport builds validates against the report schema').toEqual([]);
    return report;
  };
  const verdictOf = (r: ReturnType<typeof build>) => Object.fromEntries(r.endpoints.map((e) => [e.name, e.verdict]));

  test('the run ended before any test of an endpoint: NOT_RUN, and the run is INCOMPLETE', () => {
    const r = build([rs, t('notRun', 'notRun', { ids: ['GTR-DISC-1'] }), t('notRun', 'notRun', { ids: ['GTR-REV-1'] })]);
    expect(verdictOf(r)).toEqual({ revoke_session: 'PASS', global_token_revocation: 'NOT_RUN' });
    expect(r.endpoints[1]?.note).toBe('none of its tests ran: 2 selected test(s) did not run');
    expect(r).toMatchObject({ overall: 'INCOMPLETE', exitCode: 2 });
    expect(r.reasons).toEqual(['Global Token Revocation: none of its tests ran: 2 selected test(s) did not run (the run ended before them).']);
  });

  test('a --grep subset that selects none of an endpoint: NOT_RUN, the run still PASS', () => {
    const r = build([rs]);
    expect(verdictOf(r)).toEqual({ revoke_session: 'PASS', global_token_revocation: 'NOT_RUN' });
    expect(r.endpoints[1]?.note).toBe('none of its tests was selected');
    expect(r).toMatchObject({ overall: 'PASS', exitCode: 0, reasons: [] });
  });

  test('every selected test of an endpoint skipped: NOT_RUN (nothing was judged), the run not failed for it', () => {
    const r = build([rs, t('skipped', 'skipped', { ids: ['GTR-FLAG-1'], skipReason: 'no admin access' })]);
    expect(verdictOf(r)).toEqual({ revoke_session: 'PASS', global_token_revocation: 'NOT_RUN' });
    expect(r.overall).toBe('PASS');
  });

  test('a run its preflight stopped: both endpoints NOT_RUN, never PASS; the stop sentence is the reason', () => {
    const r = build([t('notRun', 'notRun', { ids: ['RS-DISC-1'] }), t('notRun', 'notRun', { ids: ['GTR-DISC-1'] })], 'The harness could not log in.');
    expect(verdictOf(r)).toEqual({ revoke_session: 'NOT_RUN', global_token_revocation: 'NOT_RUN' });
    expect(r).toMatchObject({ overall: 'INCOMPLETE', exitCode: 2, reasons: ['The harness could not log in.'] });
  });
});

test('a test that passed although a judged check below MUST failed: that id is WARNING (SHOULD) or INFO as when the test failed for it, and the reason says the test found it not met', () => {
  const why = 'discovery must drop the claim without a forced rebuild';
  // Before: the test failed, attributed; now: it passes, and the record still names the failed id.
  const failedForIt = t('failed', 'unexpected', {
    title: 'flag check',
    ids: ['RS-FLAG-6', 'RS-REV-1'],
    error: `Error: Requirement checks failed: RS-FLAG-6: ${why}`,
    failedIds: { 'RS-FLAG-6': why },
  });
  const passedWithIt = t('passed', 'expected', { title: 'flag check', ids: ['RS-FLAG-6', 'RS-REV-1'], failedIds: { 'RS-FLAG-6': why } });
  // The same verdict and reason, but for the words: the test passed, so it did not fail.
  const asPassed = ({ verdict, reason }: ReturnType<typeof verdictFor>) => ({
    verdict,
    reason: reason?.replace('test(s) failed:', 'test(s) found it not met:'),
  });
  for (const level of ['SHOULD', 'INFO'] as const) {
    expect(verdictFor(level, [passedWithIt], undefined, 'RS-FLAG-6')).toEqual(asPassed(verdictFor(level, [failedForIt], undefined, 'RS-FLAG-6')));
    expect(verdictFor(level, [passedWithIt], 'known', 'RS-FLAG-6')).toEqual(asPassed(verdictFor(level, [failedForIt], 'known', 'RS-FLAG-6')));
  }
  expect(verdictFor('SHOULD', [failedForIt], undefined, 'RS-FLAG-6').reason).toBe(`1/1 test(s) failed: flag check — ${why}`);
  expect(verdictFor('SHOULD', [passedWithIt], undefined, 'RS-FLAG-6')).toEqual({
    verdict: 'WARNING',
    reason: `1/1 test(s) found it not met: flag check — ${why}`,
  });
  // The test's other ids passed, in both shapes.
  expect(verdictFor('MUST', [passedWithIt], undefined, 'RS-REV-1')).toEqual(verdictFor('MUST', [failedForIt], undefined, 'RS-REV-1'));
  expect(verdictFor('MUST', [passedWithIt], undefined, 'RS-REV-1').verdict).toBe('PASS');
});

test('the target stopped answering during the checks: INCOMPLETE with the one sentence, the tests it kept from running NOT_RUN, never FAIL', () => {
  const sentence = 'The target stopped answering: 3 requests in a row to https://op.example got no answer (connection refused) — check that it is running.';
  const report = buildReport({
    header: runHeader('failed'),
    tests: [
      t('passed', 'expected', { ids: ['RS-DISC-1'] }),
      t('failed', 'unexpected', { ids: ['RS-REV-1'], harnessError: 'The harness could not log u in: Cannot reach https://op.example: connection refused' }),
      t('notRun', 'notRun', { ids: ['RS-REV-2'] }),
      t('notRun', 'notRun', { ids: ['GTR-REV-1'] }),
    ],
    baseline: null,
    problems: [],
    globalErrors: [`TargetError: ${sentence}`],
    targetGone: sentence,
  });
  expect(schemaErrors(report)).toEqual([]);
  expect(report).toMatchObject({ overall: 'INCOMPLETE', exitCode: 2, stopped: { kind: 'incomplete', sentence, midRun: true } });
  expect(report.reasons[0]).toBe(sentence);
  // The global error repeating it and the endpoint left unfinished add nothing to the one sentence.
  expect(report.reasons.filter((r) => r.includes('Global error') || r.includes('the run ended before them'))).toEqual([]);
  const v = Object.fromEntries(report.requirements.map((r) => [r.id, r.verdict]));
  expect([v['RS-DISC-1'], v['RS-REV-1'], v['RS-REV-2'], v['GTR-REV-1']]).toEqual(['PASS', 'ERROR', 'NOT_RUN', 'NOT_RUN']);
  expect(report.counts.FAIL).toBe(0);
});

test('expected skips: a listed SKIPPED is expected (its reason says so), a listed one that ran is noted and fails nothing', () => {
  const report = buildReport({
    header: runHeader('passed'),
    tests: [
      t('skipped', 'skipped', { ids: ['GTR-REV-3'], skipReason: 'JANS_MULTI_STEP_ACR is not set' }),
      t('passed', 'expected', { ids: ['RS-DISC-5'] }),
      t('passed', 'expected', { ids: ['RS-DISC-1'] }),
    ],
    baseline: {
      file: 'baseline.yaml',
      entries: [],
      skips: [
        { id: 'GTR-REV-3', reason: 'no multi-step login method here' },
        { id: 'RS-DISC-5', reason: 'no vendor OpenAPI document' },
        { id: 'RS-MATCH-1', reason: 'filtered' },
      ],
    },
    problems: [],
    globalErrors: [],
  });
  expect(schemaErrors(report)).toEqual([]);
  expect(report).toMatchObject({ overall: 'PASS', exitCode: 0, reasons: [] });
  expect(report.requirements.find((r) => r.id === 'GTR-REV-3')).toMatchObject({
    verdict: 'SKIPPED',
    reason: 'JANS_MULTI_STEP_ACR is not set (an expected skip: no multi-step login method here)',
  });
  expect(report.baseline?.skips).toEqual([
    { id: 'GTR-REV-3', reason: 'no multi-step login method here', verdict: 'SKIPPED' },
    {
      id: 'RS-DISC-5',
      reason: 'no vendor OpenAPI document',
      verdict: 'PASS',
      note: 'listed as an expected skip but it ran (PASS); remove it from expected_skips if this target or configuration now allows it',
    },
    { id: 'RS-MATCH-1', reason: 'filtered', verdict: 'NOT_RUN', note: 'not selected in this run; cannot tell whether it is still skipped' },
  ]);
  expect(renderSummary(report, [])).toContain('note: RS-DISC-5 listed as an expected skip but it ran (PASS)');
  expect(renderMarkdown(report)).toContain('| RS-DISC-5 | PASS | `no vendor OpenAPI document` |');
});
