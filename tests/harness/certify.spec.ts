import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { certifyRun, PACKAGE_FILES, type Outcome } from '../../fixtures/certify/build-package';
import { summaryLine, type Certification } from '../../fixtures/certify/identity';
import { MANIFEST, SIGNATURE } from '../../fixtures/certify/manifest';
import { verifyPackage } from '../../fixtures/certify/verify-package';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { renderMarkdown } from '../../fixtures/reporting/markdown';
import type { ConformanceReport } from '../../fixtures/reporting/verdict';
import type { ZipMember } from '../../fixtures/reporting/zip';
import { flipByte, keyFiles, member, membersOf, resigned, withCertification, withNewManifest, writePackage, type KeyFiles } from './certify-support';
import { runSuite } from './support';

/**
 * Certification packages end to end: one healthy embedded run (with an expected failure, so that a
 * package has both kinds of exception) makes a package that verifies, and every kind of tampering
 * with it is caught and named; cheap runs — a failing, a stopped, a subset and an insecure-TLS one —
 * are refused with the list. Runs and certify see no git checkout (GIT_DIR names none), as with an
 * installed package; the tree check itself has its own tests (tests/reporting/certify.spec.ts).
 */
test.describe.configure({ mode: 'parallel' });

const NO_GIT = { GIT_DIR: join(tmpdir(), 'rs-certify-no-git-checkout') };
const tempDir = () => mkdtempSync(join(tmpdir(), 'rs-certify-'));
const text = (o: Outcome) => o.lines.join('\n');

function certify(reportsDir: string, key: KeyFiles, out = join(tempDir(), 'package.zip')): Promise<Outcome> {
  // A folder that is no git checkout, as the run saw none.
  return certifyRun({ reportsDir, out, signingKey: key.privatePem, treeRoot: tempDir() });
}

async function verifyAll(file: string, key?: string): Promise<Outcome> {
  return verifyPackage({ packageFile: file, keyFile: key });
}

const json = <T>(members: readonly ZipMember[], name: string) => JSON.parse(member(members, name).data.toString('utf8')) as T;

/** RS-DISC-5 reported PASS instead of SKIPPED, everywhere a reader would look: a vendor hiding an exception. */
function hideSkipped(members: readonly ZipMember[]): ZipMember[] {
  const report = json<ConformanceReport>(members, 'conformance.json');
  const r = report.requirements.find((x) => x.id === 'RS-DISC-5');
  if (!r || r.verdict !== 'SKIPPED') throw new Error('RS-DISC-5 is not SKIPPED in this run');
  r.verdict = 'PASS';
  delete r.reason;
  report.counts.SKIPPED -= 1;
  report.counts.PASS += 1;
  for (const counts of [
    report.endpoints.find((e) => e.name === 'revoke_session')?.counts,
    report.groups.find((g) => g.endpoint === 'revoke_session' && g.group === 'DISC')?.counts,
  ]) {
    if (!counts) continue;
    counts.SKIPPED = (counts.SKIPPED ?? 1) - 1;
    if (counts.SKIPPED === 0) delete counts.SKIPPED;
    counts.PASS = (counts.PASS ?? 0) + 1;
  }
  const changed = members.map((m) =>
    m.name === 'conformance.json'
      ? { name: m.name, data: Buffer.from(`${JSON.stringify(report, null, 2)}\n`) }
      : m.name === 'conformance.md'
        ? { name: m.name, data: Buffer.from(renderMarkdown(report)) }
        : m,
  );
  return withCertification(changed, (c: Certification) => {
    const hidden = { ...c, exceptions: { ...c.exceptions, skipped: c.exceptions.skipped.filter((e) => e.id !== 'RS-DISC-5') } };
    return { ...hidden, summary: summaryLine(hidden) };
  });
}

test('a package from a healthy run verifies; a changed byte in any file, the manifest or the signature, and every other tampering, is caught and named', async () => {
  test.setTimeout(900_000);
  const dir = tempDir();
  const vendor = keyFiles(tempDir());
  const forger = keyFiles(tempDir());
  const baseline = join(dir, 'expected-failures.yaml');
  writeFileSync(baseline, 'expected_failures:\n  - id: RS-FLAG-6\n    reason: "a stock Janssen caches discovery across a flag change"\n');
  const run = await runSuite([], { ...NO_GIT, JANS_EXPECTED_FAILURES: baseline });
  expect(run.code, run.output.slice(-3000)).toBe(0);

  const made = await certify(run.reportsDir, vendor, join(dir, 'package.zip'));
  expect(made.code, text(made)).toBe(0);
  const pkg = made.file as string;
  expect(made.lines[0]).toMatch(/^PASS WITH EXCEPTIONS: 1 requirement SKIPPED, 1 expected failure; 1 SHOULD warning — https:\/\/127\.0\.0\.1:\d+, harness /);
  expect(text(made)).toMatch(/SKIPPED:\n {2}- RS-DISC-5: no vendor OpenAPI document supplied/);
  expect(text(made)).toMatch(/Expected failures:\n {2}- RS-FLAG-6: a stock Janssen caches discovery across a flag change/);
  const members = membersOf(pkg);
  expect(members.map((m) => m.name)).toEqual([...PACKAGE_FILES]);
  expect(member(members, 'certification.md').data.toString('utf8').split('\n')[0]).toBe(`# ${made.lines[0]}`);
  const certification = json<Certification>(members, 'certification.json');
  expect(certification.target.discoverySha256).toMatch(/^[0-9a-f]{64}$/);
  expect(certification.harness.git, 'the run saw no git checkout').toBeNull();
  expect(certification.harness.chromium, 'the browser the run used').toMatch(/^\d+\./);
  expect(certification.harness.catalogueSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(certification.settings.JANS_EXPECTED_FAILURES).toBe(baseline);

  await test.step('it verifies against the vendor key, and against the included key saying loudly what that does not prove', async () => {
    const named = await verifyAll(pkg, vendor.publicPem);
    expect(named.code, text(named)).toBe(0);
    expect(named.lines[0]).toBe(`verify: OK — ${made.lines[0]}`);
    expect(text(named)).not.toContain('!!!');
    const included = await verifyAll(pkg);
    expect(included.code, text(included)).toBe(0);
    expect(text(included)).toContain('NOT who signed them');
    const script = spawnSync('npm', ['run', '-s', 'verify', '--', pkg, '--key', vendor.publicPem], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(script.status, `${script.stdout}${script.stderr}`).toBe(0);
    expect(script.stdout).toMatch(/✓ verdicts: all \d+ requirements, both endpoints and the overall PASS follow from the report's records/);
  });

  const expectCaught = async (what: string, tampered: ZipMember[], ...named: RegExp[]) => {
    const file = writePackage(dir, `${what.replace(/\W+/g, '-')}.zip`, tampered);
    const outcome = await verifyAll(file, vendor.publicPem);
    expect.soft(outcome.code, `${what}: ${text(outcome)}`).toBe(1);
    expect.soft(outcome.lines[0], what).toMatch(/^verify: FAILED/);
    for (const line of named) expect.soft(text(outcome), what).toMatch(line);
  };

  for (const name of PACKAGE_FILES.filter((f) => f !== MANIFEST && f !== SIGNATURE)) {
    await test.step(`one byte of ${name} changed`, async () => {
      const data = member(members, name).data;
      for (const at of [0, Math.floor(data.length / 2), data.length - 1]) {
        const tampered = members.map((m) => (m.name === name ? { name, data: flipByte(m.data, at) } : m));
        await expectCaught(`${name} byte ${at}`, tampered, new RegExp(`✗ hash: ${name.replace(/\./g, '\\.')}: its SHA-256 is`));
      }
    });
  }

  await test.step('the manifest changed: a hash in it, or any byte', async () => {
    const manifest = member(members, MANIFEST).data.toString('utf8');
    const oneHash = manifest.replace(/"sha256": "([0-9a-f])/, (_, c: string) => `"sha256": "${c === '0' ? '1' : '0'}`);
    await expectCaught(
      'manifest hash',
      [...members.filter((m) => m.name !== MANIFEST), { name: MANIFEST, data: Buffer.from(oneHash) }],
      /✗ signature: manifest\.jws: it does not verify/,
    );
    const data = member(members, MANIFEST).data;
    await expectCaught(
      'manifest byte',
      [...members.filter((m) => m.name !== MANIFEST), { name: MANIFEST, data: flipByte(data, Math.floor(data.length / 2)) }],
      /manifest\.json/,
    );
  });

  await test.step('the signature changed', async () => {
    const jws = member(members, SIGNATURE).data;
    await expectCaught(
      'signature',
      [...members.filter((m) => m.name !== SIGNATURE), { name: SIGNATURE, data: flipByte(jws, jws.length - 5) }],
      /✗ signature: manifest\.jws: it does not verify/,
    );
  });

  await test.step('a file added, a file removed', async () => {
    await expectCaught(
      'added',
      [...members, { name: 'notes.txt', data: Buffer.from('trust me') }],
      /✗ extra file: notes\.txt: in the package but not in the manifest/,
    );
    await expectCaught(
      'removed',
      members.filter((m) => m.name !== 'junit.xml'),
      /✗ missing file: junit\.xml: listed in the manifest but not in the package/,
    );
  });

  await test.step('an exception hidden consistently in conformance.json, conformance.md and certification.*, the manifest recomputed, not signed again', async () => {
    await expectCaught(
      'hidden, not re-signed',
      withNewManifest(hideSkipped(members)),
      /✗ signature: manifest\.jws: it does not verify/,
      /✗ verdicts: conformance\.json: RS-DISC-5: the report says PASS, its records give SKIPPED/,
    );
  });

  await test.step('signed again with another key: refused against the vendor key; the included key proves only integrity', async () => {
    const forged = await resigned(members, forger.privatePem);
    await expectCaught(
      're-signed',
      forged,
      /✗ key: public-key\.jwk\.json: the package carries key \S+, not the key named/,
      /✗ signature: manifest\.jws: it does not verify .*; checked over manifest\.json with the named key/,
    );
    const included = await verifyAll(writePackage(dir, 'forged.zip', forged));
    expect(included.code, 'anyone can sign a package that passes against its own key').toBe(0);
    expect(text(included)).toContain('NOT who signed them');
    const hiddenForged = await resigned(hideSkipped(members), forger.privatePem);
    const caught = await verifyAll(writePackage(dir, 'forged-hidden.zip', hiddenForged));
    expect(caught.code, text(caught)).toBe(1);
    expect(text(caught)).toContain('✗ verdicts: conformance.json: RS-DISC-5');
  });

  await test.step('not a package at all', async () => {
    const file = join(dir, 'garbage.zip');
    writeFileSync(file, 'PK not really');
    const outcome = await verifyAll(file, vendor.publicPem);
    expect(outcome.code).toBe(1);
    expect(text(outcome)).toContain('✗ container: (package): it is not a zip archive that can be read');
  });
});

test('certify refuses a failing run: exit 1, every reason on its own line, no package', async () => {
  test.setTimeout(300_000);
  const run = await runSuite(['--grep', 'RS-AUTH-1\\b'], { ...NO_GIT, JANS_EMBEDDED_FAULTS: 'no-www-authenticate' });
  expect(run.code, run.output.slice(-3000)).toBe(1);
  const out = join(tempDir(), 'package.zip');
  const refused = await certify(run.reportsDir, keyFiles(), out);
  expect(refused.code, text(refused)).toBe(1);
  expect(refused.lines[0]).toMatch(/^certify: refused \(the target failed\); \d+ reason\(s\), one a line:$/);
  expect(text(refused)).toMatch(/\n {2}- FAIL RS-AUTH-1 \(MUST\): 1\/1 test\(s\) failed: /);
  expect(text(refused)).toMatch(/\n {2}- the run was a subset: \d+ of \d+ tests of the suite did not run \(the run selected: --grep RS-AUTH-1\\b\)/);
  expect(existsSync(out)).toBe(false);
});

test('certify refuses a run that stopped before any test: exit 2, with the stop sentence and what was not judged', async () => {
  test.setTimeout(300_000);
  const run = await runSuite([], { ...NO_GIT, JANS_LOGIN_PASSWORD_SELECTOR: '#password-of-a-custom-page' });
  expect(run.code, run.output.slice(-3000)).toBe(2);
  const refused = await certify(run.reportsDir, keyFiles());
  expect(refused.code, text(refused)).toBe(2);
  expect(refused.lines[0]).toMatch(/^certify: refused \(the run could not judge the target/);
  expect(text(refused)).toContain("  - the run stopped before any test: The harness could not log in through the target's login page");
  expect(text(refused)).toMatch(/\n {2}- NOT_RUN, \d+ requirement\(s\) \(.*\): RS-DISC-1, /);
});

test('certify refuses a subset run, also from `npm run certify`: exit 2, naming the filter', async () => {
  test.setTimeout(300_000);
  const run = await runSuite(['--grep', 'RS-DISC-1\\b'], NO_GIT);
  expect(run.code, run.output.slice(-3000)).toBe(0);
  const refused = await certify(run.reportsDir, keyFiles());
  expect(refused.code, text(refused)).toBe(2);
  expect(text(refused)).toMatch(/\n {2}- the run was a subset: \d+ of \d+ tests of the suite did not run \(the run selected: --grep RS-DISC-1\\b\)/);
  expect(text(refused)).toMatch(/\n {2}- NOT_RUN, \d+ requirement\(s\) \(no test selected[^)]*\)\): RS-DISC-2, /);
  expect(text(refused)).not.toMatch(/FAIL|TLS|tree/);

  const key = keyFiles();
  const script = spawnSync('npm', ['run', '-s', 'certify', '--', '--reports', run.reportsDir, '--out', join(tempDir(), 'p.zip')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...NO_GIT, JANS_SIGNING_KEY: key.privatePem },
    encoding: 'utf8',
  });
  expect(script.status, `${script.stdout}${script.stderr}`).toBe(2);
  expect(script.stderr).toMatch(/- the run was a subset: \d+ of \d+ tests of the suite did not run/);
});

test('certify refuses a run made without TLS verification: exit 2, saying so', async () => {
  test.setTimeout(300_000);
  const run = await runSuite(['--grep', 'RS-DISC-1\\b'], { ...NO_GIT, JANS_INSECURE_TLS: 'true' });
  expect(run.code, run.output.slice(-3000)).toBe(0);
  const refused = await certify(run.reportsDir, keyFiles());
  expect(refused.code, text(refused)).toBe(2);
  expect(text(refused)).toContain("  - TLS verification was off (JANS_INSECURE_TLS=true): the target's identity was not verified");
});
