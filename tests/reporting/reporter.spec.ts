import { existsSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { CATALOGUE_VERSION } from '../../fixtures/catalogue';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { scanForSecrets } from '../../fixtures/reporting/secret-scan';
import { freshSecret, runPlaywright, runSample, SAMPLE_CONFIG, schemaErrors, tempDir, verdicts } from './helpers';

/**
 * The conformance reporter run for real: a nested Playwright run of tests/reporting/sample/ with
 * the reporter, JUnit and Allure configured, its reports in a temp dir. This file: outcomes to
 * verdicts and exit codes, the baseline, subsets, a stopped run, merged shards. What the reports
 * must never carry (secrets, markup, control characters): reporter-hygiene.spec.ts.
 */
test.describe.configure({ mode: 'parallel' });

function baselineFile(yaml: string): string {
  const file = join(tempDir('baseline-'), 'expected-failures.yaml');
  writeFileSync(file, yaml);
  return file;
}

test('maps outcomes to verdicts; only a SHOULD failing → exit 0; report validates', () => {
  const secret = freshSecret();
  const run = runSample([], { SAMPLE_SECRET: secret });
  expect(run.exitCode, run.output).toBe(0);
  const report = run.report();
  expect(schemaErrors(report)).toEqual([]);

  const v = verdicts(report);
  expect(v['RS-DISC-1']).toBe('PASS');
  expect(v['RS-DISC-3']).toBe('WARNING');
  expect(v['RS-AUTH-7']).toBe('INFO');
  expect(v['RS-FLAG-4']).toBe('SKIPPED');
  expect(v['RS-PROTO-2']).toBe('PASS');
  expect(v['RS-PROTO-5']).toBe('PASS');
  expect(v['RS-REV-6']).toBe('PASS');
  expect(v['RS-REV-1']).toBe('NOT_RUN');
  expect(report.counts).toMatchObject({
    PASS: 4,
    WARNING: 1,
    INFO: 1,
    SKIPPED: 1,
    ERROR: 0,
    NOT_RUN: REQUIREMENTS.length - 7,
    FAIL: 0,
    requirements: REQUIREMENTS.length,
    tests: 7,
  });

  const byId = (id: string) => report.requirements.find((r) => r.id === id);
  expect(byId('RS-FLAG-4')?.reason).toBe('no admin access: cannot switch the feature flag');
  expect(byId('RS-AUTH-7')?.evidence).toEqual(['Bearer token of the client was refused with 401']);
  expect(byId('RS-DISC-3')?.tests[0]).toMatchObject({
    title: 'SHOULD check RS-DISC-3 fails',
    location: 'tests/reporting/sample/sample.sample.ts:18',
    status: 'failed',
    error: 'Error: endpoint origin',
  });
  expect(byId('RS-PROTO-2')?.tests[0]?.attachments).toContain('http: POST /jans-auth/restv1/revoke_session → 200');
  expect(byId('RS-PROTO-2')?.evidence).toEqual(['no 5xx for blank parameters (secret [REDACTED] used)']);
  expect(report.unmappedTests.map((t) => t.title)).toEqual(['harness self-check outside the catalogue']);

  expect(report.run.playwrightStatus).toBe('failed');
  expect(report).toMatchObject({ overall: 'PASS', exitCode: 0, reasons: [], stopped: null });
  expect(report.target).toMatchObject({
    issuer: 'https://op.sample.test/jans-auth',
    discoverySha256: 'a'.repeat(64),
    profiles: { revoke_session: 'janssen', global_token_revocation: 'janssen' },
    mode: 'static',
  });
  expect(report.target.preflight?.sessionStatus.available).toBe(true);
  expect(report.endpoints.map((e) => [e.name, e.verdict])).toEqual([
    ['revoke_session', 'PASS'],
    ['global_token_revocation', 'NOT_PROVIDED'],
  ]);
  expect(report.harness.version).toMatch(/^\d+\.\d+\.\d+/);

  const md = readFileSync(join(run.dir, 'conformance.md'), 'utf8');
  expect(md).toContain('| RS-DISC-3 | SHOULD | ⚠️ WARNING |');
  expect(md).toContain('## revoke_session — ✅ PASS');
  expect(md).toContain('## Global Token Revocation — ∅ NOT_PROVIDED');
  expect(md).toContain('| session_status | `available: a fresh session reports authenticated` |');
  expect(run.output).toContain('Conformance: PASS (exit code 0)');
  expect(run.output).toMatch(/WARNING\s+RS-DISC-3 \(SHOULD\)/);
  expect(run.output).toContain(join(run.dir, 'conformance.json'));

  // The secret went through an attachment, an evidence line and a cookie; none of it may be on disk.
  expect(scanForSecrets(run.dir, [secret])).toEqual([]);
  expect(readFileSync(join(run.dir, 'junit.xml'), 'utf8')).toContain('RS-DISC-3');
});

test('a failing MUST → FAIL and exit 1', () => {
  const run = runSample([], { SAMPLE_MUST_FAILS: '1' });
  expect(run.exitCode, run.output).toBe(1);
  const report = run.report();
  expect(schemaErrors(report)).toEqual([]);
  expect(verdicts(report)['RS-DISC-1']).toBe('FAIL');
  expect(report.overall).toBe('FAIL');
  expect(report.reasons).toContain('MUST requirement(s) failed: RS-DISC-1.');
  expect(run.output).toMatch(/FAIL\s+RS-DISC-1 \(MUST\): 1\/1 test\(s\) failed: MUST check RS-DISC-1 — Error: discovery status/);
});

test('a failing MUST listed in the baseline → EXPECTED_FAIL and exit 0; unrun entries are noted', () => {
  const file = baselineFile(
    'expected_failures:\n  - id: RS-DISC-1\n    reason: "this build serves discovery elsewhere"\n  - id: RS-REV-1\n    reason: "not run here"\n',
  );
  const run = runSample([], { SAMPLE_MUST_FAILS: '1', JANS_EXPECTED_FAILURES: file });
  expect(run.exitCode, run.output).toBe(0);
  const report = run.report();
  expect(schemaErrors(report)).toEqual([]);
  const disc1 = report.requirements.find((r) => r.id === 'RS-DISC-1');
  expect(disc1).toMatchObject({ verdict: 'EXPECTED_FAIL', baselineReason: 'this build serves discovery elsewhere' });
  expect(report.baseline?.entries).toEqual([
    { id: 'RS-DISC-1', reason: 'this build serves discovery elsewhere', verdict: 'EXPECTED_FAIL' },
    { id: 'RS-REV-1', reason: 'not run here', verdict: 'NOT_RUN', note: 'not judged in this run (NOT_RUN); cannot tell whether it still fails' },
  ]);
});

test('a baseline entry that passes → STALE_BASELINE and exit 1', () => {
  const file = baselineFile('expected_failures:\n  - id: RS-PROTO-2\n    reason: "used to 500 on blank parameters"\n');
  const run = runSample([], { JANS_EXPECTED_FAILURES: file });
  expect(run.exitCode, run.output).toBe(1);
  const report = run.report();
  expect(verdicts(report)['RS-PROTO-2']).toBe('STALE_BASELINE');
  expect(report.reasons).toContain('Stale baseline entr(ies), now passing: RS-PROTO-2.');
  expect(run.output).toMatch(/STALE_BASELINE\s+RS-PROTO-2/);
});

for (const [what, yaml, sentence] of [
  [
    'an unknown id',
    'expected_failures:\n  - id: RS-NOPE-1\n    reason: "x"\n',
    `entry 1 names RS-NOPE-1, which is not a requirement id of catalogue v${CATALOGUE_VERSION}.`,
  ],
  ['a missing reason', 'expected_failures:\n  - id: RS-DISC-1\n', 'entry 1 (RS-DISC-1) has no reason; every expected failure must say why.'],
] as const) {
  test(`a baseline with ${what} makes the run INCOMPLETE (exit 2) with one clear sentence`, () => {
    const file = baselineFile(yaml);
    const run = runSample([], { JANS_EXPECTED_FAILURES: file });
    expect(run.exitCode, run.output).toBe(2);
    expect(run.output).toContain(`Expected-failures file ${file} ${sentence} The run will fail.`);
    const report = run.report();
    expect(schemaErrors(report)).toEqual([]);
    expect(report.problems).toEqual([`Expected-failures file ${file} ${sentence}`]);
    expect(report.overall).toBe('INCOMPLETE');
  });
}

test('--grep selects a subset: the rest is NOT_RUN, exit 0', () => {
  const run = runSample(['--grep', '@RS-DISC-1']);
  expect(run.exitCode, run.output).toBe(0);
  const report = run.report();
  expect(report.counts).toMatchObject({ PASS: 1, NOT_RUN: REQUIREMENTS.length - 1, tests: 1 });
  expect(report.run.playwrightStatus).toBe('passed');
});

test('a failing test outside the catalogue → exit 1', () => {
  const run = runSample([], { SAMPLE_UNMAPPED_FAILS: '1' });
  expect(run.exitCode, run.output).toBe(1);
  expect(run.report().reasons).toEqual([
    'Test(s) outside the catalogue failed: harness self-check outside the catalogue (tests/reporting/sample/sample.sample.ts:53).',
  ]);
});

test('a check the harness could not arrange → ERROR, the run INCOMPLETE with exit 2, never FAIL', () => {
  const run = runSample([], { SAMPLE_HARNESS_ERROR: '1' });
  expect(run.exitCode, run.output).toBe(2);
  const report = run.report();
  expect(schemaErrors(report)).toEqual([]);
  const rev6 = report.requirements.find((r) => r.id === 'RS-REV-6');
  expect(rev6?.verdict).toBe('ERROR');
  expect(rev6?.reason).toContain('The harness could not create a user: the Config API refused POST /mgt/configuser (403)');
  expect(report).toMatchObject({ overall: 'INCOMPLETE', exitCode: 2 });
  expect(report.counts.FAIL).toBe(0);
  expect(report.reasons).toContain('Not judged (ERROR: the harness could not do its part): RS-REV-6.');
  expect(run.output).toMatch(/ERROR\s+RS-REV-6 \(MUST\): not judged/);
  expect(report.endpoints.find((e) => e.name === 'revoke_session')?.verdict).toBe('INCOMPLETE');
});

for (const [kind, code, overall] of [
  ['incomplete', 2, 'INCOMPLETE'],
  ['fail', 1, 'FAIL'],
] as const) {
  test(`a run its preflight stopped (${kind}) → ${overall}, exit ${code}, the sentence printed and in the report`, () => {
    const sentence =
      kind === 'fail'
        ? 'The target does not provide revoke_session (JANS_ENDPOINTS names it): …'
        : "The harness could not log in through the target's login page: …";
    const run = runSample(['--grep', '@RS-DISC-1'], { SAMPLE_STOPPED: kind, SAMPLE_STOPPED_SENTENCE: sentence });
    expect(run.exitCode, run.output).toBe(code);
    expect(run.output).toContain(`${overall}: ${sentence}`);
    const report = run.report();
    expect(schemaErrors(report)).toEqual([]);
    expect(report).toMatchObject({ overall, exitCode: code, stopped: { kind, sentence } });
    expect(readFileSync(join(run.dir, 'conformance.md'), 'utf8')).toContain(`> **The run stopped before any test:** \`${sentence}\``);
  });
}

test('merged blob reports of two shards give the same verdicts as one run', () => {
  const dir = tempDir();
  const blobs = join(dir, 'blobs');
  for (const n of [1, 2]) {
    // The blob reporter empties its output dir first, so each shard writes apart, as on CI runners.
    const shardDir = join(dir, `blob-${n}`);
    const run = runSample(['--shard', `${n}/2`], { SAMPLE_BLOB_DIR: shardDir }, dir);
    expect([0, 1], run.output).toContain(run.exitCode);
    cpSync(shardDir, blobs, { recursive: true });
  }
  expect(existsSync(join(dir, 'conformance.json'))).toBe(false);
  const merged = runPlaywright(['merge-reports', '-c', SAMPLE_CONFIG, blobs], {}, dir);
  expect(merged.exitCode, merged.output).toBe(0);
  const report = merged.report();
  expect(schemaErrors(report)).toEqual([]);
  expect(verdicts(report)).toMatchObject({
    'RS-DISC-1': 'PASS',
    'RS-DISC-3': 'WARNING',
    'RS-AUTH-7': 'INFO',
    'RS-FLAG-4': 'SKIPPED',
    'RS-PROTO-2': 'PASS',
    'RS-REV-1': 'NOT_RUN',
  });
  expect(report.counts.tests).toBe(7);
  expect(report.requirements.find((r) => r.id === 'RS-AUTH-7')?.evidence).toEqual(['Bearer token of the client was refused with 401']);
});
