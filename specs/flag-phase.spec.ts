import { test } from '../fixtures/test';
import { globalTokenRevocationFlagChecks } from './global-token-revocation/feature-flag';
import { revokeSessionFlagChecks } from './revoke-session/feature-flag';

/**
 * The flag phase changes global target state, so it runs alone, after every other check (the
 * `feature-flag` project, one worker, in this order): every judged endpoint's flag goes off in one
 * configuration reload, each endpoint's checks of the disabled state run, the flags come back in one
 * reload, each endpoint's checks of the re-enabled state run, and last the checks that only read
 * what the switches observed (a stock Janssen's expected warning then costs no worker restart
 * before a switch). Global teardown restores the
 * configuration exactly as found whatever happens here.
 */
const ENDPOINT_FLAG_CHECKS = [revokeSessionFlagChecks, globalTokenRevocationFlagChecks];

test.describe.configure({ mode: 'default' });

test.describe('feature flags', () => {
  test.beforeEach(({ target }) => {
    const flagSwitch = target.findings?.flagSwitch;
    test.skip(!flagSwitch?.possible, `cannot switch feature flags: ${flagSwitch?.note ?? 'no preflight findings'}`);
  });

  test.describe('disabled', () => {
    for (const checks of ENDPOINT_FLAG_CHECKS) test.describe(checks.endpoint, () => checks.whileOff());
  });

  test.describe('enabled again', () => {
    for (const checks of ENDPOINT_FLAG_CHECKS) test.describe(checks.endpoint, () => checks.afterOn());
  });

  test.describe('observed', () => {
    for (const checks of ENDPOINT_FLAG_CHECKS) test.describe(checks.endpoint, () => checks.observed());
  });
});
