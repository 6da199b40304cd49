import { test, expect } from '@playwright/test';
import { ConfigError, loadConfig } from '../../fixtures/config';
import { flagsWith, flagsWithout, isFlagEnabled } from '../../fixtures/access/feature-flags';

const load = (env: Record<string, string>) => () => loadConfig(env);

test.describe('configuration', () => {
  test('no issuer → embedded mode with Janssen defaults', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.profile).toBe('janssen');
    expect(config.tls).toEqual({ caFile: undefined, insecure: false });
    expect(config.flagTimeoutMs).toBe(60_000);
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

test.describe('feature flag rule (Janssen AppConfiguration.isFeatureEnabled)', () => {
  test('empty, absent or only-unknown lists enable everything', () => {
    expect(isFlagEnabled(undefined)).toBe(true);
    expect(isFlagEnabled([])).toBe(true);
    expect(isFlagEnabled(['nonsense'])).toBe(true);
  });

  test('names compare case-insensitively', () => {
    expect(isFlagEnabled(['REVOKE_SESSION'])).toBe(true);
    expect(isFlagEnabled(['status_session'])).toBe(false);
  });

  test('disabling keeps every other feature as it was', () => {
    expect(flagsWithout(['status_session', 'Revoke_Session', 'end_session'])).toEqual(['status_session', 'end_session']);
    const fromEmpty = flagsWithout([]);
    expect(isFlagEnabled(fromEmpty)).toBe(false);
    expect(isFlagEnabled(fromEmpty, 'status_session')).toBe(true);
    expect(flagsWith(['status_session'])).toEqual(['status_session', 'revoke_session']);
    expect(flagsWith([])).toEqual([]);
  });
});
