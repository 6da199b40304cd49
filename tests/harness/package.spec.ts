import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { PROJECT_ROOT } from '../../fixtures/paths';
import type { ConformanceSummary } from './support';
import { runIn, userEnv } from './command';

/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` into an empty folder (from
 * npm's cache where it can), and the installed command run there against the embedded reference
 * OP — `preflight`, a small `run --grep`, `report` — with its reports in that folder. The harness
 * runs from its staged copy (cli/stage.ts), here under a cache folder of the test's own: the test
 * locations in the report are the specs' real lines, which tsx-compiled code would not give.
 * Slow (pack and install, then three commands: about two minutes), so one test.
 */

test('the packed package installs into an empty folder, and its command judges the embedded OP there', async () => {
  test.setTimeout(420_000);
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
    const command = (args: string[]) => runIn(folder, 'npx', ['--no-install', 'jans-revocation-conformance', ...args], userEnv({ XDG_CACHE_HOME: cache }));

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
    console.log(`package self-test: pack ${packed.ms} ms, install ${installed.ms} ms, preflight ${preflight.ms} ms, run ${run.ms} ms, report ${page.ms} ms`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
