import { existsSync, rmSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import type { Cookie } from '@playwright/test';
import { NodeRoute } from '../../fixtures/access/node-route';
import { OriginPolicy } from '../../fixtures/access/origin-policy';
import { ConfigError, loadConfig } from '../../fixtures/config';
import { asIssuers } from '../../fixtures/flows/cookie-jar';
import { graceFor, VISIBILITY_BOUND_MS } from '../../fixtures/run/visibility-check';
import { defaultWorkers, rememberedGraceMs, rememberVisibility, visibilityFile, WAITING_WORKERS } from '../../fixtures/run/waiting-workers';

/**
 * The pieces of cluster support that need no target: JANS_NODE_URLS read by the issuer's rule and
 * trusted like the issuer, a view at a node reaching it with the issuer's URLs, a login's cookies
 * from a node kept as the issuer's origin holds them, and the grace derived from a measurement.
 */

const PROVISIONING = { JANS_ISSUER: 'https://jans.example.com', JANS_ADMIN_CLIENT_ID: 'a', JANS_ADMIN_CLIENT_SECRET: 'b' };

test.describe('JANS_NODE_URLS', () => {
  test('base URLs of the nodes, as origins; unset, none', () => {
    expect(loadConfig(PROVISIONING).nodeUrls).toEqual([]);
    const config = loadConfig({
      ...PROVISIONING,
      JANS_NODE_URLS: 'https://node1.jans.internal:8443/, https://node2.jans.internal:8443,https://node1.jans.internal:8443',
    });
    expect(config.nodeUrls).toEqual(['https://node1.jans.internal:8443', 'https://node2.jans.internal:8443']);
    // Plain http only on loopback, as for the issuer; a node may repeat the issuer's own path.
    expect(loadConfig({ ...PROVISIONING, JANS_NODE_URLS: 'http://127.0.0.1:8081' }).nodeUrls).toEqual(['http://127.0.0.1:8081']);
    expect(loadConfig({ ...PROVISIONING, JANS_ISSUER: 'https://jans.example.com/oxauth', JANS_NODE_URLS: 'https://n1:8443/oxauth' }).nodeUrls).toEqual([
      'https://n1:8443',
    ]);
  });

  for (const [env, sentence] of [
    [{ JANS_NODE_URLS: 'https://node1:8443' }, /JANS_NODE_URLS is set but JANS_ISSUER is not/],
    [{ ...PROVISIONING, JANS_NODE_URLS: 'node1:8443' }, /names "node1:8443", which is not a URL/],
    [{ ...PROVISIONING, JANS_NODE_URLS: 'http://node1.jans.internal' }, /plain http on a non-loopback host/],
    [{ ...PROVISIONING, JANS_NODE_URLS: 'https://node1/jans-auth' }, /a node serves the issuer's paths/],
    [{ ...PROVISIONING, JANS_NODE_URLS: 'https://node1?x=1' }, /without query, fragment or credentials/],
    [{ ...PROVISIONING, JANS_NODE_URLS: 'https://jans.example.com' }, /names the issuer's own origin/],
  ] as const) {
    test(`rejects ${JSON.stringify(env.JANS_NODE_URLS)}${'JANS_ISSUER' in env ? '' : ' without an issuer'} in one sentence`, () => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(sentence);
    });
  }

  test('the origin policy trusts the nodes exactly as the issuer, and says so when it refuses', () => {
    const policy = new OriginPolicy('https://jans.example.com', [], ['https://node1.jans.internal:8443']);
    expect(policy.trusts('https://node1.jans.internal:8443/jans-auth/restv1/token')).toBe(true);
    expect(policy.trusts('http://node1.jans.internal:8443/jans-auth/restv1/token')).toBe(false);
    expect(policy.trusts('https://node2.jans.internal:8443/')).toBe(false);
    expect(policy.explain('https://node2.jans.internal:8443')).toContain("the nodes' of JANS_NODE_URLS (https://node1.jans.internal:8443)");
  });
});

test('a view at a node sends the issuer’s URLs to the node and reads its redirects back as the issuer’s', () => {
  const route = new NodeRoute('https://jans.example.com', 'https://node2.jans.internal:8443');
  expect(route.there('https://jans.example.com/jans-auth/restv1/authorize?prompt=none#x')).toBe(
    'https://node2.jans.internal:8443/jans-auth/restv1/authorize?prompt=none#x',
  );
  // Another origin goes where it points (under the origin policy), and so does the node's own URL.
  expect(route.there('https://idp.example.org/login')).toBe('https://idp.example.org/login');
  expect(route.back('https://node2.jans.internal:8443/jans-auth/restv1/authorize/resume')).toBe('https://jans.example.com/jans-auth/restv1/authorize/resume');
  expect(route.back('https://127.0.0.1/rs-conformance/callback?code=x')).toBe('https://127.0.0.1/rs-conformance/callback?code=x');
});

test('cookies from a login at a node are held as the issuer’s origin would hold them; other hosts’ stay', () => {
  const cookie = (name: string, domain: string): Cookie => ({
    name,
    value: 'v',
    domain,
    path: '/',
    expires: -1,
    httpOnly: true,
    secure: true,
    sameSite: 'None',
  });
  const held = asIssuers(
    [cookie('session_id', 'node1.jans.internal'), cookie('opbs', '.jans.internal'), cookie('other', 'idp.example.org'), cookie('shared', '.example.com')],
    'node1.jans.internal',
    'jans.example.com',
  );
  expect(held.map((c) => `${c.name}@${c.domain}`)).toEqual([
    'session_id@jans.example.com',
    'opbs@jans.example.com',
    'other@idp.example.org',
    'shared@.example.com',
  ]);
  // One host for node and issuer (the reference OP's ports): nothing changes.
  expect(asIssuers([cookie('session_id', '127.0.0.1')], '127.0.0.1', '127.0.0.1')).toEqual([cookie('session_id', '127.0.0.1')]);
});

test('the grace allows what was measured and a margin, never more than the bound; nothing when a removal shows at once', () => {
  expect(graceFor(0)).toBe(0);
  expect(graceFor(40)).toBe(600);
  expect(graceFor(1_400)).toBe(1_900);
  expect(graceFor(2_000)).toBe(2_500);
  expect(graceFor(4_900)).toBe(VISIBILITY_BOUND_MS);
  expect(graceFor(60_000)).toBe(VISIBILITY_BOUND_MS);
});

test('checks wait side by side where revocation takes time to show: node URLs, a grace set, one this run or the last measured', () => {
  const issuer = `https://waiting-${Date.now()}-${Math.random().toString(36).slice(2)}.example.com`;
  const settings = (env: Record<string, string> = {}) => loadConfig({ ...PROVISIONING, JANS_ISSUER: issuer, ...env });
  expect(defaultWorkers(settings()), 'nothing known: Playwright’s default').toBeUndefined();
  expect(defaultWorkers(settings({ JANS_NODE_URLS: 'https://n1:8443,https://n2:8443' }))).toBe(WAITING_WORKERS);
  expect(defaultWorkers(settings({ JANS_GRACE_MS: '2500' }))).toBe(WAITING_WORKERS);
  expect(defaultWorkers(settings({ JANS_GRACE_MS: '0' }))).toBeUndefined();
  expect(defaultWorkers(loadConfig({})), 'the embedded OP is one server: nothing to wait for').toBeUndefined();

  const measured = (graceMs: number) => ({
    source: 'measured' as const,
    through: 'issuer' as const,
    everywhereMs: graceMs ? 1_900 : 0,
    boundMs: 5_000,
    graceMs,
    note: '',
  });
  const said: string[] = [];
  const log = console.log;
  console.log = (line: string) => said.push(line);
  try {
    // The first run through the issuer's URL learns it in global setup and waits side by side at once.
    const runner = { workers: 1 };
    rememberVisibility(settings(), measured(2_400), runner);
    expect(runner.workers, 'the run raised its own workers').toBe(WAITING_WORKERS);
    expect(rememberedGraceMs(issuer)).toBe(2_400);
    expect(defaultWorkers(settings()), 'the grace the last run against this issuer measured').toBe(WAITING_WORKERS);
    // A grace given outright is not second-guessed by what was measured before.
    expect(defaultWorkers(settings({ JANS_GRACE_MS: '0' }))).toBeUndefined();
    // JANS_WORKERS wins; static mode keeps the number its workers cut their shares of users by.
    const fixed = { workers: 2 };
    rememberVisibility(settings({ JANS_WORKERS: '2' }), measured(2_400), fixed);
    expect(fixed.workers).toBe(2);
    const staticRun = { workers: 1 };
    rememberVisibility({ issuer, workers: undefined, mode: 'static' }, measured(2_400), staticRun);
    expect(staticRun.workers).toBe(1);
    // The next measurement replaces it: a target that became one server goes back to the default.
    const single = { workers: 1 };
    rememberVisibility(settings(), measured(0), single);
    expect(single.workers).toBe(1);
    expect(defaultWorkers(settings())).toBeUndefined();
    expect(existsSync(visibilityFile(issuer)), 'nothing left behind for a target without a grace').toBe(false);
  } finally {
    console.log = log;
    rmSync(visibilityFile(issuer), { force: true });
  }
  expect(said, 'said once per run that waits: side by side now, or (static mode) next time').toEqual([
    expect.stringContaining('this run waits it out on 4 workers side by side'),
    expect.stringContaining('the next run against it uses 4'),
  ]);
});
