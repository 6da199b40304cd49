import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { newReportsDir } from './support';

/** `npm run load`, small, against either endpoint: it runs under tsx (not Playwright's transform) and must still log in. */
test.describe.configure({ mode: 'parallel' });

for (const [endpoint, success] of [
  ['global_token_revocation', 204],
  ['revoke_session', 200],
] as const) {
  test(`the load profile (${endpoint}) revokes every session of its users and no other, with percentiles`, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'scripts', 'load.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JANS_') && !name.startsWith('TEST_'))),
        JANS_REPORTS_DIR: newReportsDir(),
        LOAD_ENDPOINT: endpoint,
        LOAD_USERS: '2',
        LOAD_SESSIONS: '2',
        LOAD_EXTRA: '20',
        LOAD_MAX_SECONDS: '60',
      },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(new RegExp(`Revocations: 22 in [\\d.]+ s → \\d+/s; statuses \\{"${success}":22\\}`));
    expect(output).toMatch(/Latency p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms/);
    expect(output).toContain("Revoked users' sessions still alive: 0/4; bystander sessions lost: 0/");
  });
}
