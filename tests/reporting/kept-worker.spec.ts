import { test, expect } from '@playwright/test';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { testRecord } from '../../fixtures/reporting/conformance-reporter';
import { ANNOTATION } from '../../fixtures/requirements';

/**
 * A failed check that kept its worker (self-test knob JANS_SELFTEST_KEEP_WORKER,
 * fixtures/per-test/keep-worker.ts) is recorded exactly as the same failure without the knob: the
 * kill matrix's verdicts must not depend on whether Playwright replaced the worker.
 */

function failedCase(kept: boolean): TestCase {
  const error = { message: 'Error: every session must be gone within the grace period', stack: 'Error: every session must be gone within the grace period' };
  const result = {
    status: 'failed',
    duration: 12,
    error,
    errors: [error],
    annotations: kept ? [{ type: ANNOTATION.keptWorker }] : [],
  } as unknown as TestResult;
  return {
    id: 'abc',
    title: 'every session of U ends',
    tags: ['@RS-REV-1'],
    annotations: [{ type: ANNOTATION.requirement, description: 'RS-REV-1' }],
    results: [result],
    location: { file: '/x/specs/revoke-session/revocation.spec.ts', line: 10, column: 3 },
    // With the knob Playwright counts the failure expected; without it, unexpected.
    outcome: () => (kept ? 'expected' : 'unexpected'),
    titlePath: () => ['', 'conformance', 'revocation.spec.ts', 'every session of U ends'],
    parent: { project: () => ({ name: 'conformance' }) },
  } as unknown as TestCase;
}

test('a failed check that kept its worker is recorded as the same failure', () => {
  const kept = testRecord(failedCase(true), '/x');
  const replaced = testRecord(failedCase(false), '/x');
  expect(kept.outcome).toBe('unexpected');
  expect(kept).toEqual(replaced);
});
