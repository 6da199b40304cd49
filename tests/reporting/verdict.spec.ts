import { expect, test } from '@playwright/test';
import { verdictFor, type TestRecord } from '../../fixtures/reporting/verdict';

const t = (status: TestRecord['status'], outcome: TestRecord['outcome'], extra: Partial<TestRecord> = {}): TestRecord => ({
  title: `${status} test`,
  location: 'specs/x.spec.ts:1',
  project: 'janssen',
  ids: ['RS-DISC-1'],
  status,
  outcome,
  durationMs: 1,
  evidence: [],
  attachments: [],
  ...extra,
});
const passed = t('passed', 'expected');
const failed = t('failed', 'unexpected', { error: 'Error: expected 401, got 200' });
const skipped = t('skipped', 'skipped', { skipReason: 'no admin access: cannot switch the feature flag' });

test('verdict table', () => {
  expect(verdictFor('MUST', [passed, passed], undefined).verdict).toBe('PASS');
  expect(verdictFor('MUST', [passed, failed], undefined)).toEqual({ verdict: 'FAIL', reason: '1/2 test(s) failed: failed test — Error: expected 401, got 200' });
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
  const errored = t('failed', 'unexpected', { error: 'HarnessError: The harness could not create a user', harnessError: 'The harness could not create a user: 403' });
  expect(verdictFor('MUST', [errored], undefined)).toEqual({ verdict: 'ERROR', reason: 'not judged: 1/1 test(s) could not be done by the harness: failed test — The harness could not create a user: 403' });
  expect(verdictFor('MUST', [passed, errored], undefined).verdict).toBe('ERROR');
  expect(verdictFor('MUST', [failed, errored], undefined).verdict).toBe('FAIL');
  expect(verdictFor('SHOULD', [errored], undefined).verdict).toBe('ERROR');
  expect(verdictFor('INFO', [errored], undefined).verdict).toBe('ERROR');
  // A baseline entry cannot be judged stale or expected on a check the harness could not do.
  expect(verdictFor('MUST', [errored], 'known bug').verdict).toBe('ERROR');
});
