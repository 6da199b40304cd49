import { expect, test } from '@playwright/test';
import { REDACTED, clearSecrets, redact, redactText, registerSecret } from '../../fixtures/reporting/redact';

test.describe('redaction', () => {
  test.beforeEach(() => clearSecrets());

  test('a registered secret is replaced, also URL-encoded and base64', () => {
    const secret = 'S3cr3t/+ value&more';
    registerSecret(secret);
    const b64 = Buffer.from(secret).toString('base64');
    const text = `raw ${secret} url ${encodeURIComponent(secret)} b64 ${b64} b64url ${b64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`;
    const out = redactText(text);
    expect(out).not.toContain('S3cr3t');
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(b64.replace(/=+$/, ''));
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(4);
  });

  test('values shorter than 6 characters are not registered', () => {
    registerSecret('abc12');
    registerSecret(undefined);
    expect(redactText('abc12 stays')).toBe('abc12 stays');
  });

  test('sensitive keys are redacted case-insensitively, deep, on a copy', () => {
    const input = {
      headers: { Authorization: 'Basic Zm9vOmJhcg==', 'Proxy-Authorization': 'x', 'Content-Type': 'application/json' },
      body: { client_secret: 'a', clientSecret: 'b', PASSWORD: 'c', userPassword: 'd', access_token: 'e', refresh_token: 'f', id_token: 'g' },
      more: [{ code: 'h', session_id: 'i', session_state: 'j', opbs: 'k', client_assertion: 'l', assertion: 'm', token: 'n' }],
      kept: { user_criterion_key: 'uid', status: 401, error: 'invalid_client' },
    };
    const out = redact(input);
    expect(out.headers.Authorization).toBe(REDACTED);
    expect(out.headers['Proxy-Authorization']).toBe(REDACTED);
    expect(out.headers['Content-Type']).toBe('application/json');
    expect(Object.values(out.body).every((v) => v === REDACTED)).toBe(true);
    expect(Object.values(out.more[0] ?? {}).every((v) => v === REDACTED)).toBe(true);
    expect(out.kept).toEqual(input.kept);
    expect(input.headers.Authorization).toBe('Basic Zm9vOmJhcg==');
  });

  test('cookie headers keep cookie names and drop values', () => {
    const out = redact({
      cookie: 'session_id=abc123; opbs=xyz789; jans_lang=en',
      'Set-Cookie': 'session_id=abc123; Path=/jans-auth; Secure; HttpOnly\nopbs=xyz789; Path=/',
    });
    expect(out.cookie).toBe(`session_id=${REDACTED}; opbs=${REDACTED}; jans_lang=${REDACTED}`);
    expect(out['Set-Cookie']).toBe(`session_id=${REDACTED}; Path=/jans-auth; Secure; HttpOnly\nopbs=${REDACTED}; Path=/`);
  });

  test('Basic credentials in text are redacted, prose and realms are not', () => {
    const creds = Buffer.from('client-1:pa55word').toString('base64');
    expect(redactText(`sent Basic ${creds} to the endpoint`)).toBe(`sent Basic ${REDACTED} to the endpoint`);
    expect(redactText('WWW-Authenticate: Basic realm="jans-auth"')).toBe('WWW-Authenticate: Basic realm="jans-auth"');
    expect(redactText('Basic authentication is required')).toBe('Basic authentication is required');
  });

  test('Bearer tokens in text are redacted', () => {
    expect(redactText('Bearer 6f1e0c7a-22c2-4b3e-9d1a-0d8f6f7f1a2b was used')).toBe(`Bearer ${REDACTED} was used`);
    expect(redactText('WWW-Authenticate: Bearer realm="x"')).toBe('WWW-Authenticate: Bearer realm="x"');
  });

  test('Authorization header lines in text are redacted', () => {
    expect(redactText('> Authorization: Digest abc\n> Accept: */*')).toBe(`> Authorization: ${REDACTED}\n> Accept: */*`);
  });

  test('JWT-looking strings are redacted', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
    expect(redactText(`id token ${jwt} end`)).toBe(`id token ${REDACTED} end`);
    expect(redactText('unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1In0. end')).toBe(`unsigned ${REDACTED} end`);
  });

  for (const key of ['code', 'session_id', 'session_state', 'opbs', 'client_secret', 'password', 'access_token', 'id_token', 'refresh_token']) {
    test(`${key}=… in URLs and forms is redacted`, () => {
      expect(redactText(`https://op.example/cb?state=s1&${key}=v4lue-1#frag`)).toBe(`https://op.example/cb?state=s1&${key}=${REDACTED}#frag`);
      expect(redactText(`${key}=v4lue-1&user_criterion_key=uid`)).toBe(`${key}=${REDACTED}&user_criterion_key=uid`);
      expect(redactText(`https://op.example/cb#${key}=v4lue-1`)).toBe(`https://op.example/cb#${key}=${REDACTED}`);
    });
  }

  test('look-alike keys and values are left alone', () => {
    expect(redactText('error_code=42&response_type=code&state=xyz')).toBe('error_code=42&response_type=code&state=xyz');
  });

  test('JSON members in text bodies are redacted', () => {
    const body = JSON.stringify({ access_token: 'at-123', token_type: 'Bearer', expires_in: 299, id_token: 'x.y.z', error: 'invalid_client' });
    const out = redactText(body);
    expect(JSON.parse(out)).toEqual({ access_token: REDACTED, token_type: 'Bearer', expires_in: 299, id_token: REDACTED, error: 'invalid_client' });
  });

  test('strings inside objects go through the text rules', () => {
    const out = redact({ url: 'https://op/authorize?code=abc123', list: ['Bearer abcdefghijklmnop1234'] });
    expect(out).toEqual({ url: `https://op/authorize?code=${REDACTED}`, list: [`Bearer ${REDACTED}`] });
  });

  test('the test-only kill switch disables redaction', () => {
    registerSecret('kill-switch-secret');
    const before = process.env.JANS_DISABLE_REDACTION;
    process.env.JANS_DISABLE_REDACTION = 'unsafe-self-test';
    try {
      expect(redactText('kill-switch-secret code=abc')).toBe('kill-switch-secret code=abc');
      expect(redact({ password: 'p' })).toEqual({ password: 'p' });
      process.env.JANS_DISABLE_REDACTION = 'yes';
      expect(redactText('kill-switch-secret')).toBe(REDACTED);
    } finally {
      if (before === undefined) delete process.env.JANS_DISABLE_REDACTION;
      else process.env.JANS_DISABLE_REDACTION = before;
    }
  });
});
