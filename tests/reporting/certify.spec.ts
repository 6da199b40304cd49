import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { exceptionsOf, summaryLine } from '../../fixtures/certify/identity';
import { recordsOf, verdictDifferences } from '../../fixtures/certify/recompute';
import { treeRefusals } from '../../fixtures/certify/refusals';
import { checkDetached, KeyError, loadPublicKey, loadSigningKey, signDetached } from '../../fixtures/certify/signing';
import type { TestRecord } from '../../fixtures/reporting/report-types';
import { buildReport } from '../../fixtures/reporting/verdict';
import { testRecord } from './helpers';
import { harnessTree } from '../../fixtures/run/harness-tree';
import { redactedSettings, selectionFilters } from '../../fixtures/run/provenance';
import { verifyPackage } from '../../fixtures/certify/verify-package';
import { writeZip } from '../../fixtures/reporting/zip';

/**
 * The parts of a certification package that need no run: what a run's command line selected, the
 * harness tree against a recorded one, the signing keys and the detached signature, the exceptions
 * and the first line, and the recomputation of verdicts from a report's own records.
 */

const tempDir = () => mkdtempSync(join(tmpdir(), 'rs-certify-unit-'));

test('the selection a run records: every option that leaves tests out, and file filters; nothing else', () => {
  const pw = ['/usr/bin/node', '/x/node_modules/@playwright/test/cli.js', 'test'];
  expect(selectionFilters([...pw])).toEqual([]);
  expect(selectionFilters([...pw, '--output', '/tmp/out', '--workers', '2', '--reporter=list', '-x'])).toEqual([]);
  expect(selectionFilters([...pw, '--grep', 'GTR-TOK', '--grep-invert=RS-', 'specs/revoke-session/discovery.spec.ts'])).toEqual([
    '--grep GTR-TOK',
    '--grep-invert RS-',
    'file filter specs/revoke-session/discovery.spec.ts',
  ]);
  expect(selectionFilters([...pw, '-g', 'RS-REV-1\\b', '--shard', '2/3', '--last-failed'])).toEqual(['-g RS-REV-1\\b', '--shard 2/3', '--last-failed']);
  expect(selectionFilters([...pw, '--project', 'feature-flag', 'conformance', '--only-changed', '--timeout', '5'])).toEqual([
    '--project feature-flag conformance',
    '--only-changed',
  ]);
  expect(selectionFilters([...pw, '--test-list', 'list.txt', '--', 'specs/not-a-filter'])).toEqual(['--test-list list.txt']);
  expect(selectionFilters(['/usr/bin/node', 'merge-reports', 'all-blobs'])).toEqual([]);
});

test("the run's settings: the variables that are set, secrets removed whatever they look like", () => {
  expect(
    redactedSettings({
      JANS_ISSUER: 'https://user:pw@jans.example.com',
      JANS_ADMIN_CLIENT_ID: '1800.abc',
      JANS_ADMIN_CLIENT_SECRET: 'plain-words',
      JANS_SIGNING_KEY: '{"kty":"EC","d":"private"}',
      JANS_OPENAPI: 'https://vendor.example/api.yaml?access_token=abc',
      JANS_GRACE_MS: '',
      JANS_SELFTEST_BROWSER_WS: 'ws://not-a-setting',
      UNRELATED: 'x',
    }),
  ).toEqual({
    JANS_ISSUER: 'https://[REDACTED]@jans.example.com',
    JANS_ADMIN_CLIENT_ID: '1800.abc',
    JANS_ADMIN_CLIENT_SECRET: '[REDACTED]',
    JANS_SIGNING_KEY: '[REDACTED]',
    JANS_OPENAPI: 'https://vendor.example/api.yaml?access_token=[REDACTED]',
  });
});

test('verify refuses a zip that names a file twice, before reading any member', async () => {
  const zip = writeZip([
    { name: 'a.json', data: Buffer.from('{"first":1}') },
    { name: 'b.json', data: Buffer.from('{"second":2}') },
  ]);
  const file = join(tempDir(), 'twice.zip');
  writeFileSync(file, Buffer.from(zip.toString('latin1').replaceAll('b.json', 'a.json'), 'latin1'));
  const outcome = await verifyPackage({ packageFile: file });
  expect(outcome.code).toBe(1);
  expect(outcome.lines).toContain('  ✗ container: (package): it holds a.json more than once');
});

test.describe('the harness tree', () => {
  const git = (repo: string, ...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { encoding: 'utf8' });

  test('records the commit and what differs from it; refuses a dirty tree, another commit, or a missing one, naming the files', () => {
    const repo = tempDir();
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'a.txt'), 'one\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'one');
    const first = harnessTree(repo);
    expect(first).toEqual({ commit: git(repo, 'rev-parse', 'HEAD').trim(), clean: true, changed: [] });
    expect(treeRefusals(first, harnessTree(repo), repo)).toEqual([]);

    writeFileSync(join(repo, 'a.txt'), 'two\n');
    writeFileSync(join(repo, 'b.txt'), 'new\n');
    const dirty = harnessTree(repo);
    expect(dirty?.clean).toBe(false);
    expect(dirty?.changed.sort()).toEqual(['a.txt', 'b.txt']);
    expect(treeRefusals(first, dirty, repo).map((r) => r.line)).toEqual([
      expect.stringMatching(/^the harness tree has uncommitted changes now: (a\.txt, b\.txt|b\.txt, a\.txt)$/),
    ]);
    expect(treeRefusals(dirty, first, repo).map((r) => r.line)).toEqual([expect.stringMatching(/^the run was made from a tree with uncommitted changes: /)]);

    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'two');
    const second = harnessTree(repo);
    const lines = treeRefusals(first, second, repo).map((r) => r.line);
    expect(lines).toEqual([
      `the harness is at commit ${second?.commit.slice(0, 12)}, the run was made at ${first?.commit.slice(0, 12)}: files that differ: a.txt, b.txt`,
    ]);
    expect(treeRefusals({ commit: 'f'.repeat(40), clean: true, changed: [] }, second, repo)[0]?.line).toContain('that commit is not in this checkout');

    expect(treeRefusals(null, null)).toEqual([]);
    expect(treeRefusals(null, second)[0]?.line).toMatch(/^the run recorded no git commit, but the harness here is commit /);
    expect(treeRefusals(second, null)[0]?.line).toMatch(/but the harness here is not a git checkout/);
    mkdirSync(join(repo, 'sub'));
    expect(harnessTree(join(repo, 'sub')), 'a folder inside someone else’s checkout is not the harness’s').toBeNull();
    expect(harnessTree(tempDir())).toBeNull();
  });
});

test.describe('signing keys and the detached signature', () => {
  const pem = (type: 'ec' | 'rsa' | 'ed25519', options: object = {}) => {
    const file = join(tempDir(), `${type}.pem`);
    const { privateKey } = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    return file;
  };
  const manifest = Buffer.from('{"files":[]}\n');

  for (const [name, file, alg] of [
    ['EC P-256', () => pem('ec', { namedCurve: 'P-256' }), 'ES256'],
    ['EC P-384', () => pem('ec', { namedCurve: 'P-384' }), 'ES384'],
    ['RSA 2048', () => pem('rsa', { modulusLength: 2048 }), 'RS256'],
    ['Ed25519', () => pem('ed25519'), 'EdDSA'],
  ] as const) {
    test(`${name}: signs, and the signature verifies with its public key only, over these bytes only`, async () => {
      const key = await loadSigningKey(file());
      expect(key.alg).toBe(alg);
      const jws = await signDetached(manifest, key);
      expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
      const own = await loadPublicKey(JSON.stringify(key.publicJwk), 'public key');
      expect(own.kid).toBe(key.publicJwk.kid);
      expect(await checkDetached(jws, manifest, own)).toBeUndefined();
      expect(await checkDetached(jws, Buffer.from('{"files":[1]}\n'), own)).toMatch(/^it does not verify/);
      const other = await loadSigningKey(file());
      expect(await checkDetached(jws, manifest, await loadPublicKey(JSON.stringify(other.publicJwk), 'other'))).toMatch(/^it does not verify/);
    });
  }

  test('a JWK, inline or in a file, signs as its PEM does, and a private PEM stands for its public key', async () => {
    const file = pem('ec', { namedCurve: 'P-256' });
    const fromPem = await loadSigningKey(file);
    const jwk = JSON.stringify(fromPem.privateKey.export({ format: 'jwk' }));
    const inline = await loadSigningKey(jwk);
    const jwkFile = join(tempDir(), 'key.jwk');
    writeFileSync(jwkFile, jwk);
    expect((await loadSigningKey(jwkFile)).publicJwk.kid).toBe(fromPem.publicJwk.kid);
    expect(inline.publicJwk).toEqual(fromPem.publicJwk);
    expect(inline.publicJwk).not.toHaveProperty('d');
    const jws = await signDetached(manifest, inline);
    const spki = fromPem.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await checkDetached(jws, manifest, await loadPublicKey(spki, 'private PEM'))).toBeUndefined();
  });

  test('refuses what cannot sign, in one sentence, and a header that names another algorithm', async () => {
    await expect(loadSigningKey(undefined)).rejects.toThrow(/^JANS_SIGNING_KEY is not set/);
    await expect(loadSigningKey('/nonexistent/key.pem')).rejects.toThrow(/does not exist/);
    await expect(loadSigningKey(pem('rsa', { modulusLength: 1024 }))).rejects.toThrow(/too short/);
    await expect(loadSigningKey('{"kty":"oct","k":"c2VjcmV0"}')).rejects.toThrow(KeyError);
    const notAKey = join(tempDir(), 'x.pem');
    writeFileSync(notAKey, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    await expect(loadSigningKey(notAKey)).rejects.toThrow(/does not hold a private key/);
    const key = await loadSigningKey(pem('ec', { namedCurve: 'P-256' }));
    const [, , signature] = (await signDetached(manifest, key)).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: key.publicJwk.kid })).toString('base64url');
    const pub = await loadPublicKey(JSON.stringify(key.publicJwk), 'public');
    expect(await checkDetached(`${header}..${signature}`, manifest, pub)).toBe('its header names HS256, the key signs with ES256');
    expect(await checkDetached('a.b.c', manifest, pub)).toBe('it is not a detached compact JWS (header..signature)');
  });
});

const record = (ids: string[], status: TestRecord['status'], outcome: TestRecord['outcome'], extra: Partial<TestRecord> = {}): TestRecord =>
  testRecord(status, outcome, { title: `${ids.join('+')} ${status}`, project: 'conformance', ids, ...extra });

function reportOf(tests: TestRecord[], baseline: { id: string; reason: string }[] = []) {
  return buildReport({
    header: {
      harnessVersion: '0',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      durationMs: 60_000,
      playwrightStatus: 'passed',
      runInfo: undefined,
    },
    tests,
    baseline: baseline.length > 0 ? { file: 'baseline.yaml', entries: baseline } : null,
    problems: [],
    globalErrors: [],
  });
}

test('exceptions: SKIPPED and expected failures each with its reason, and the first line says so', () => {
  const report = reportOf(
    [
      record(['RS-DISC-1'], 'passed', 'expected'),
      record(['RS-DISC-5'], 'skipped', 'skipped', { skipReason: 'no vendor OpenAPI document' }),
      record(['RS-AUTH-1'], 'failed', 'unexpected', { error: 'no WWW-Authenticate' }),
    ],
    [{ id: 'RS-AUTH-1', reason: 'tracked upstream' }],
  );
  const { exceptions, warnings } = exceptionsOf(report);
  expect(exceptions).toEqual({
    skipped: [{ id: 'RS-DISC-5', reason: 'no vendor OpenAPI document' }],
    expectedFailures: [{ id: 'RS-AUTH-1', reason: 'tracked upstream' }],
  });
  const identity = { target: { issuer: 'https://op.example' }, harness: { packageVersion: '1.2.3', catalogueVersion: '3' } } as Parameters<
    typeof summaryLine
  >[0];
  expect(summaryLine({ ...identity, exceptions, warnings })).toBe(
    'PASS WITH EXCEPTIONS: 1 requirement SKIPPED, 1 expected failure — https://op.example, harness 1.2.3, catalogue v3',
  );
  expect(summaryLine({ ...identity, exceptions: { skipped: [], expectedFailures: [] }, warnings: [{ id: 'RS-FLAG-6', reason: 'cached' }] })).toBe(
    'PASS without exceptions; 1 SHOULD warning — https://op.example, harness 1.2.3, catalogue v3',
  );
});

test('recomputing a report from its records: a report that follows says nothing; a verdict, a record or a count that does not is named', () => {
  const tests = [
    record(['RS-DISC-1', 'RS-DISC-2'], 'passed', 'expected', { id: 'a' }),
    record(['RS-DISC-2'], 'failed', 'unexpected', { id: 'b', error: 'boom' }),
    record(['RS-DISC-1'], 'passed', 'expected', { id: 'c' }),
  ];
  const report = reportOf(tests);
  const merged = recordsOf(report);
  expect(merged.map((t) => t.id).sort()).toEqual(['a', 'b', 'c']);
  for (const r of report.requirements)
    expect(
      merged.filter((t) => t.ids.includes(r.id)).map((t) => t.id),
      r.id,
    ).toEqual(r.tests.map((t) => t.id));
  expect(verdictDifferences(report)).toEqual([]);

  const verdict = structuredClone(report);
  (verdict.requirements.find((r) => r.id === 'RS-DISC-2') as { verdict: string }).verdict = 'PASS';
  expect(verdictDifferences(verdict)).toEqual([expect.stringMatching(/^RS-DISC-2: the report says PASS \(.*\), its records give FAIL \(/)]);

  // The failing record dropped from RS-DISC-2's list: the verdict the report still gives no longer follows.
  const dropped = structuredClone(report);
  const disc2 = dropped.requirements.find((r) => r.id === 'RS-DISC-2');
  if (disc2) disc2.tests = disc2.tests.filter((t) => t.id !== 'b');
  expect(verdictDifferences(dropped).join('\n')).toMatch(/RS-DISC-2: the report says FAIL \(.*\), its records give PASS/);

  const overall = structuredClone(report);
  overall.overall = 'PASS';
  overall.exitCode = 0;
  expect(verdictDifferences(overall)).toEqual(['overall: the report says PASS (exit code 0), its records give FAIL (exit code 1)']);
});
