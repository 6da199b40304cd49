import {
  describeSwitch,
  endpointNamed,
  expect,
  notEffective,
  refusedSideBySide,
  req,
  sideBySide,
  skipUnselected,
  test,
  type Refusal,
  type RequirementId,
} from '../fixtures/test';
import { globalTokenRevocationFlagChecks } from './global-token-revocation/feature-flag';
import { revokeSessionFlagChecks } from './revoke-session/feature-flag';

/**
 * The flag phase changes global target state, so it runs alone, after every other check (the
 * `feature-flag` project, one worker, in this order): every judged endpoint's flag goes off in one
 * configuration reload, each endpoint's checks of the disabled state run, the flags come back in one
 * reload, one check judged per endpoint of the re-enabled state runs, and last one check, judged per
 * endpoint, of what the switch off observed (a stock Janssen's expected warnings then cost no
 * worker restart). Global teardown restores the
 * configuration exactly as found whatever happens here.
 */
const ENDPOINT_FLAG_CHECKS = [revokeSessionFlagChecks, globalTokenRevocationFlagChecks];

test.describe.configure({ mode: 'default' });

test.describe('feature flags', () => {
  // First, before any fixture reaches the target: the phase runs in full as a teardown project (playwright.config.ts).
  test.beforeEach(({}, testInfo) => skipUnselected(testInfo));

  test.beforeEach(({ target }) => {
    const flagSwitch = target.findings?.flagSwitch;
    test.skip(!flagSwitch?.possible, `cannot switch feature flags: ${flagSwitch?.note ?? 'no preflight findings'}`);
  });

  test.describe('disabled', () => {
    for (const checks of ENDPOINT_FLAG_CHECKS) test.describe(checks.endpoint, () => checks.whileOff());

    // One check for every endpoint, judged per requirement: each endpoint's victim is called with
    // the flag off, and all are then read untouched side by side, after one grace period.
    test(
      'with the flags disabled, an authorized call revokes nothing',
      req(...ENDPOINT_FLAG_CHECKS.map((c) => c.revokesNothing)),
      async ({ endpoint, arrange, probe, verdict, flagPhase, kitFor }) => {
        const off = await flagPhase.off();
        const refusals: Refusal[] = [];
        for (const checks of ENDPOINT_FLAG_CHECKS) {
          // An endpoint the run does not judge is not part of the switch (its id is SKIPPED by the endpoint fixture).
          if (!off.endpoints[checks.endpoint]) continue;
          const why = notEffective(off, checks.endpoint);
          if (why) {
            verdict.notJudged(checks.revokesNothing, why);
            continue;
          }
          const kit = kitFor(endpointNamed(checks.endpoint));
          refusals.push({
            id: checks.revokesNothing,
            title: `an authorized call to ${checks.endpoint} with the flag off`,
            on: kit,
            refuse: async ({ user }) => {
              const response = await kit.act.revoke({ user });
              verdict.evidence(`${checks.endpoint}: authorized call with the flag off → ${response.status}`);
            },
          });
        }
        await refusedSideBySide({ endpoint, arrange, probe, verdict }, refusals);
      },
    );
  });

  // One check for every endpoint, judged per requirement: each endpoint's claim and answers are
  // back and the values are as the run had them; a victim of each is revoked, and all are read gone
  // side by side (each read waits for the removal to show everywhere).
  test(
    'after re-enabling, the claims and the endpoints come back, the values are as the run had them, and a revocation works again',
    req(...ENDPOINT_FLAG_CHECKS.map((c) => c.backOn.id)),
    async ({ verdict, flagPhase, kitFor }) => {
      const on = await flagPhase.on();
      const current = await flagPhase.current();
      const proofs: { id: RequirementId; read: () => Promise<unknown> }[] = [];
      for (const checks of ENDPOINT_FLAG_CHECKS) {
        // An endpoint the run does not judge is not part of the switch (its id is SKIPPED by the endpoint fixture).
        if (!on.endpoints[checks.endpoint]) continue;
        const { id } = checks.backOn;
        await verdict.judge(id, `${checks.claim} and the endpoint are back, the values as the run had them`, () => {
          verdict.evidence(`${checks.endpoint}: ${describeSwitch(on, checks.endpoint)}`);
          expect(on.endpoints[checks.endpoint]?.followedMs, `the endpoint must serve again within ${on.timeoutMs} ms of re-enabling`).toBeDefined();
          expect(on.endpoints[checks.endpoint]?.claimMatches, `${checks.claim} must be advertised again`).toBe(true);
          expect(current, 'featureFlags and discoveryCacheLifetimeInMinutes end exactly as the run had them').toEqual(flagPhase.runValues);
        });
        const kit = kitFor(endpointNamed(checks.endpoint));
        await verdict.judge(id, 'a revocation is answered again', async () => proofs.push({ id, read: await checks.backOn.revoke(kit) }));
      }
      verdict.evidence('featureFlags and discoveryCacheLifetimeInMinutes as the run had them (global teardown restores them as found)');
      const outcomes = await sideBySide(proofs.map((p) => p.read));
      for (const [i, { id }] of proofs.entries()) {
        await verdict.judge(id, 'the victim it revoked has lost its session', () => {
          const outcome = outcomes[i];
          if (outcome && !outcome.ok) throw outcome.error;
        });
      }
    },
  );

  // One check for every endpoint, judged per requirement: a stock Janssen fails each by design, and
  // a single failing test at the end costs no worker restart.
  test(
    'discovery followed the flag change by itself (staleness reported)',
    req(...ENDPOINT_FLAG_CHECKS.map((c) => c.followsAlone)),
    async ({ arrange, verdict, flagPhase }) => {
      const off = flagPhase.observedOff();
      if (!off) throw arrange.harnessError('The flags were not switched off in this run: whether discovery follows them by itself cannot be told.');
      for (const checks of ENDPOINT_FLAG_CHECKS) {
        const seen = off.endpoints[checks.endpoint];
        if (!seen) continue;
        await verdict.judge(
          checks.followsAlone,
          `discovery drops ${checks.claim} by itself`,
          () => {
            verdict.evidence(`${checks.endpoint}: ${describeSwitch(off, checks.endpoint)}`);
            expect(
              seen.claimFollowedAlone,
              `discovery must drop ${checks.claim} when the flag goes off, without a forced rebuild (Janssen caches it for discoveryCacheLifetimeInMinutes)`,
            ).toBe(true);
          },
          { skip: seen.effective ? undefined : `the flag change did not take effect for ${checks.endpoint} (see its FLAG-1 check)` },
        );
      }
    },
  );
});
