import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { PROJECT_ROOT } from '../../fixtures/paths';
import type { ConformanceSummary } from './support';
import { keyFiles } from './certify-support';
import { runIn, userEnv } from './command';

/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` into an empty folder (from
 * npm's cache where it can), and the installed command run there against the embedded reference
 * OP — `preflight`, a small `run --grep`, `report`, then a complete `run`, `certify` and `verify` —
 * with its reports and the package in that folder. The harness
 * runs from its staged copy (cli/stage.ts), here under a cache folder of the test's own: the test
 * locations in the report are the specs' real lines, which tsx-compiled code would not give.
 * Slow (pack and install, then the commands: about three minutes), so one test.
 */

test('the packed package installs into an empty folder, and its command judges the embedded OP there', async () => {
  test.setTimeout(600_000);
  const base = mkdtempSync(join(tmpdir(), 'rs-package-'));
  const folder = join(base, 'empty');
  const cache = join(base, 'cache');
  mkdirSync(folder);
  try {
    const npm = (args: string[], cwd: string) => runIn(cwd, 'npm', args, userEnv());
    const packed = await npm(['pack', '--pack-destination', base, '--silent'], PROJECT_ROOT);
    expect(packed.code, packed.output).toBe(0);
    const tarball = readdirSync(base).find((name) => name.endsWith('.tgz'));
    expect(tarball, packed.output).toBeDefined();
    const files = (await runIn(base, 'tar', ['tzf', tarball as string])).output.split('\n').filter(Boolean);
    expect(files, 'the command is in the tarball').toContain('package/cli/jans-revocation-conformance.mjs');
    expect(files, 'the specs are').toContain('package/specs/flag-phase.spec.ts');
    expect(
      files.filter((file) => /^package\/(tests|scripts\/bench|scripts\/load)/.test(file)),
      "none of the self-tests' weight",
    ).toEqual([]);

    const installed = await npm(['install', join(base, tarball as string), '--prefix', folder, '--prefer-offline', '--no-audit', '--no-fund'], folder);
    expect(installed.code, installed.output).toBe(0);
    const command = (args: string[], env: Record<string, string> = {}) =>
      runIn(folder, 'npx', ['--no-install', 'jans-revocation-conformance', ...args], userEnv({ XDG_CACHE_HOME: cache, ...env }));

    const preflight = await command(['preflight']);
    expect(preflight.code, preflight.output).toBe(0);
    expect(preflight.output).toMatch(/^ {2}revoke_session +judged +advertised/m);
    expect(preflight.output).toMatch(/^ {2}global_token_revocation +judged +advertised/m);
    expect(preflight.output).toContain('The harness can judge this target');
    expect(existsSync(join(folder, 'reports')), 'the preflight writes no reports').toBe(false);

    const run = await command(['run', '--grep', '@RS-DISC-1\\b|@RS-REV-1\\b']);
    expect(run.code, run.output).toBe(0);
    const report = JSON.parse(readFileSync(join(folder, 'reports', 'conformance.json'), 'utf8')) as ConformanceSummary;
    expect(report.overall).toBe('PASS');
    const judged = report.requirements.filter((r) => r.verdict !== 'NOT_RUN');
    expect(judged.map((r) => r.id)).toEqual(expect.arrayContaining(['RS-DISC-1', 'RS-REV-1']));
    expect(report.requirements.find((r) => r.id === 'GTR-REV-1')?.verdict, 'a requirement left out').toBe('NOT_RUN');
    expect(report.requirements.find((r) => r.id === 'RS-DISC-1')?.tests[0]?.location, 'the spec line itself, not line 1 of compiled code').toMatch(
      /^specs\/revoke-session\/discovery\.spec\.ts:([2-9]|\d\d+)$/,
    );
    for (const file of ['conformance.md', 'junit.xml', 'allure-results']) expect(existsSync(join(folder, 'reports', file)), file).toBe(true);
    expect(readdirSync(cache), 'the staged copy lives in the cache folder').toEqual(['jans-revocation-conformance']);

    const page = await command(['report']);
    expect(page.code, page.output).toBe(0);
    expect(existsSync(join(folder, 'reports', 'allure-report', 'index.html'))).toBe(true);

    // A certification package: refused for the subset run, built from a complete one, verified with the vendor's public key.
    const keys = keyFiles(base);
    const subset = await command(['certify'], { JANS_SIGNING_KEY: keys.privatePem });
    expect(subset.code, subset.output).toBe(2);
    expect(subset.output).toMatch(/the run was a subset: \d+ of \d+ tests of the suite did not run/);
    expect(
      readdirSync(folder).filter((name) => name.endsWith('.zip')),
      'no package from a refused run',
    ).toEqual([]);
    const full = await command(['run']);
    expect(full.code, full.output).toBe(0);
    const certified = await command(['certify'], { JANS_SIGNING_KEY: keys.privatePem });
    expect(certified.code, certified.output).toBe(0);
    const [zip, ...more] = readdirSync(folder).filter((name) => name.endsWith('.zip'));
    expect(more, certified.output).toEqual([]);
    const verified = await command(['verify', zip as string, '--key', keys.publicPem]);
    expect(verified.code, verified.output).toBe(0);
    const forged = await command(['verify', zip as string, '--key', keyFiles(mkdtempSync(join(base, 'other-'))).publicPem]);
    expect(forged.code, 'another key does not verify it').toBe(1);
    console.log(
      `package self-test: pack ${packed.ms} ms, install ${installed.ms} ms, preflight ${preflight.ms} ms, run --grep ${run.ms} ms, report ${page.ms} ms, run ${full.ms} ms, certify ${certified.ms} ms, verify ${verified.ms} ms`,
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
