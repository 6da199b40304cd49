import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { environmentFrom, selfTestKnob } from '../../fixtures/environment';
import { ENDPOINTS } from '../../fixtures/access/endpoints';
import { ConfigError, ENDPOINT_NAMES, loadConfig } from '../../fixtures/config';
import { VARIABLES } from '../../fixtures/config-variables';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { isFlagEnabled, KNOWN_FLAGS, withFlags } from '../../fixtures/access/feature-flags';

const load = (env: Record<string, string>) => () => loadConfig(env);

test('the README configuration table lists exactly the variables a user can set', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Reading the verdict'));
  const listed = new Set([...table.matchAll(/^\| `(JANS_[A-Z_]+)`(?: \/ `(JANS_[A-Z_]+)`)?/gm)].flatMap((m) => [m[1], m[2]]).filter((v) => v !== undefined));
  expect([...listed].sort()).toEqual(Object.keys(VARIABLES).sort());
});

test.describe('configuration', () => {
  test('no issuer → embedded mode with Janssen defaults', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.profile).toBe('janssen');
    expect(config.tls).toEqual({ caFile: undefined, insecure: false });
    // The embedded OP's reload interval is known (0 by default): no minute-long wait for a failing flag check.
    expect(config.flagTimeoutMs).toBe(3_000);
    expect(loadConfig({ JANS_ISSUER: 'https://jans.example.com', JANS_ADMIN_CLIENT_ID: 'a', JANS_ADMIN_CLIENT_SECRET: 'b' }).flagTimeoutMs).toBe(60_000);
    expect(config.login.username).toBe('[id="loginForm:username"]');
  });

  test('issuer + admin credentials → provisioning mode', () => {
    const config = loadConfig({ JANS_ISSUER: 'https://jans.example.com/', JANS_ADMIN_CLIENT_ID: 'a', JANS_ADMIN_CLIENT_SECRET: 'b' });
    expect(config.mode).toBe('provisioning');
    expect(config.issuer).toBe('https://jans.example.com');
  });

  for (const [env, sentence] of [
    [{ JANS_ISSUER: 'https://x.example' }, /neither JANS_ADMIN_CLIENT_ID/],
    [{ JANS_ISSUER: 'not a url', JANS_ADMIN_CLIENT_ID: 'a', JANS_ADMIN_CLIENT_SECRET: 'b' }, /is not a URL/],
    [{ JANS_ISSUER: 'http://jans.example.com', JANS_ADMIN_CLIENT_ID: 'a', JANS_ADMIN_CLIENT_SECRET: 'b' }, /plain http on a non-loopback host/],
    [{ JANS_ADMIN_CLIENT_ID: 'a' }, /both JANS_ADMIN_CLIENT_ID and JANS_ADMIN_CLIENT_SECRET/],
    [{ JANS_PROFILE: 'strict' }, /JANS_PROFILE="strict" is unknown/],
    [{ JANS_GTR_PROFILE: 'generic' }, /JANS_GTR_PROFILE="generic" is unknown: use janssen or draft/],
    [{ JANS_ENDPOINTS: 'revoke,global_token_revocation' }, /JANS_ENDPOINTS names revoke: use auto, or a comma list/],
    [{ JANS_INSECURE_TLS: 'maybe' }, /JANS_INSECURE_TLS="maybe" is not a boolean/],
    [{ JANS_FLAG_TIMEOUT_MS: '-5' }, /JANS_FLAG_TIMEOUT_MS="-5" is not a whole number/],
    [{ JANS_CA_FILE: '/nonexistent/ca.pem' }, /JANS_CA_FILE points at .* which does not exist/],
  ] as const) {
    test(`rejects ${JSON.stringify(env)} in one sentence`, () => {
      expect(load(env)).toThrow(ConfigError);
      expect(load(env)).toThrow(sentence);
      try {
        loadConfig(env);
      } catch (error) {
        expect((error as Error).stack, 'no stack trace for configuration errors').not.toMatch(/\n\s+at /);
      }
    });
  }
});

test('JANS_ENDPOINTS: auto by default, else the named endpoints', () => {
  expect(loadConfig({}).endpoints).toBe('auto');
  expect(loadConfig({ JANS_ENDPOINTS: 'global_token_revocation, revoke_session' }).endpoints).toEqual(['global_token_revocation', 'revoke_session']);
  // The configuration layer knows the names; everything else about an endpoint is in the Endpoint table, which must have one entry per name.
  expect(ENDPOINTS.map((e) => e.name)).toEqual(ENDPOINT_NAMES);
});

test('.env reaches every reader, under the process environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-env-'));
  const file = join(dir, '.env');
  writeFileSync(file, 'JANS_REPORTS_DIR=from-dotenv\nJANS_GRACE_MS=1500\nJANS_PROFILE=generic\n');
  const env = environmentFrom(file, { JANS_PROFILE: 'janssen' });
  expect(env.JANS_REPORTS_DIR).toBe('from-dotenv');
  const config = loadConfig(env);
  expect(config.graceMs).toBe(1500);
  expect(config.profile, 'a variable of the process wins over .env').toBe('janssen');
  expect(environmentFrom(join(dir, 'absent.env'), { A: '1' })).toEqual({ A: '1' });
});

test('self-test knobs are never read from .env, and from the process only under the self-test marker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-env-'));
  const file = join(dir, '.env');
  const knobs = {
    JANS_SELFTEST_BROWSER_WS: 'ws://127.0.0.1:9/from-dotenv',
    JANS_SELFTEST_FAULT_POINTS: join(dir, 'points.tsv'),
    JANS_EMBEDDED_FAULTS: 'no-www-authenticate',
    JANS_SECRET_MANIFEST: join(dir, 'manifest'),
    JANS_DISABLE_REDACTION: 'unsafe-self-test',
  };
  writeFileSync(
    file,
    `${Object.entries(knobs)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n')}\nJANS_SELF_TEST=1\nJANS_GRACE_MS=1500\n`,
  );
  const fromFile = environmentFrom(file, {});
  for (const name of Object.keys(knobs)) expect(fromFile[name], `${name} from .env`).toBeUndefined();
  expect(fromFile.JANS_SELF_TEST, 'the marker itself is not read from .env').toBeUndefined();
  expect(fromFile.JANS_GRACE_MS, 'ordinary settings still are').toBe('1500');
  expect(loadConfig(fromFile).embedded.faults).toEqual([]);

  const exported = environmentFrom(file, { ...knobs });
  for (const name of Object.keys(knobs)) expect(exported[name], `${name} exported without the marker`).toBeUndefined();
  for (const name of Object.keys(knobs)) expect(selfTestKnob(name, { ...knobs }), name).toBeUndefined();

  const selfTest = environmentFrom(file, { ...knobs, JANS_SELF_TEST: '1' });
  for (const [name, value] of Object.entries(knobs)) expect(selfTest[name], `${name} under the marker`).toBe(value);
  for (const [name, value] of Object.entries(knobs)) expect(selfTestKnob(name, { ...knobs, JANS_SELF_TEST: '1' }), name).toBe(value);
  expect(loadConfig(selfTest).embedded.faults).toEqual(['no-www-authenticate']);
  expect(environmentFrom(file, { JANS_SELF_TEST: '1' }).JANS_SELFTEST_BROWSER_WS, 'the marker does not open .env').toBeUndefined();
  expect(() => selfTestKnob('JANS_ISSUER')).toThrow(/not a self-test knob/);
});

test.describe('feature flag rule (Janssen AppConfiguration.isFeatureEnabled)', () => {
  test('empty, absent or only-unknown lists enable everything', () => {
    expect(isFlagEnabled(undefined, 'revoke_session')).toBe(true);
    expect(isFlagEnabled([], 'revoke_session')).toBe(true);
    expect(isFlagEnabled(['nonsense'], 'revoke_session')).toBe(true);
  });

  test('names compare case-insensitively', () => {
    expect(isFlagEnabled(['REVOKE_SESSION'], 'revoke_session')).toBe(true);
    expect(isFlagEnabled(['status_session'], 'revoke_session')).toBe(false);
  });

  test('disabling keeps every other feature as it was', () => {
    expect(withFlags(['status_session', 'Revoke_Session', 'end_session'], { revoke_session: false })).toEqual(['status_session', 'end_session']);
    expect(withFlags(['status_session'], { revoke_session: true })).toEqual(['status_session', 'revoke_session']);
    expect(withFlags([], { revoke_session: true })).toEqual([]);
  });

  test('from an empty list (everything on), switching one flag off writes every flag any Janssen version knows but that one', () => {
    const fromEmpty = withFlags([], { revoke_session: false });
    expect(fromEmpty).toEqual(KNOWN_FLAGS.filter((f) => f !== 'revoke_session'));
    for (const flag of ['status_session', 'global_token_revocation', 'uma', 'logout_status_jwt', 'spiffe_client_auth'])
      expect(isFlagEnabled(fromEmpty, flag)).toBe(true);
    expect(isFlagEnabled(fromEmpty, 'revoke_session')).toBe(false);
  });

  test('both revocation flags switch in one list', () => {
    const both = withFlags(['revoke_session', 'global_token_revocation', 'status_session'], { revoke_session: false, global_token_revocation: false });
    expect(both).toEqual(['status_session']);
    expect(withFlags(both, { revoke_session: true, global_token_revocation: true })).toEqual(['status_session', 'revoke_session', 'global_token_revocation']);
  });
});
