import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { REDACTED, redact, redactText, registerSecret } from '../../fixtures/reporting/redact';
import { secretChannel } from '../../fixtures/reporting/secret-digests';
import { clearSecrets } from '../../fixtures/reporting/secret-registry';
import { scanForSecrets } from '../../fixtures/reporting/secret-scan';
import { tempDir } from './helpers';

/** `text` alone in a fresh directory, for the secret scan (the same search the full-run self-test makes). */
function writeText(text: string): string {
  const dir = tempDir('redacted-');
  writeFileSync(join(dir, 'out.txt'), text);
  return dir;
}

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

test.describe('redaction in every encoding', () => {
  test.beforeEach(() => clearSecrets());

  const secret = 'S3cr3t/+"v&<al>\'ue';
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const plant = {
    'JSON-escaped': JSON.stringify({ note: secret }),
    'JSON with escaped slashes': `{"note":"${JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')}"}`,
    'JSON inside a JSON string': JSON.stringify({ body: JSON.stringify({ note: secret }) }),
    'XML-escaped': `<v a="${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')}"/>`,
    'HTML-escaped': `<p>${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</p>`,
    'URL-encoded': `x=${encodeURIComponent(secret)}`,
    'fully percent-encoded': `x=${[...Buffer.from(secret)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}`,
    'base64 at every alignment': ['', 'a', 'ab'].map((pad) => b64(`{"v":"${pad}${secret}"}`)).join(' '),
  };
  for (const [form, text] of Object.entries(plant)) {
    test(`a registered secret, ${form}, is redacted`, () => {
      registerSecret(secret);
      expect(scanForSecrets(writeText(redactText(text)), [secret])).toEqual([]);
      // Without registration the plant is found: the check is not vacuous.
      clearSecrets();
      expect(scanForSecrets(writeText(text), [secret]).length).toBeGreaterThan(0);
    });
  }

  // Forms of unregistered secrets the patterns must recognise (the runner never saw them registered).
  const pw = 'hunter2-Pa55';
  const creds = b64(`client-1:${pw}`);
  const patterned: Record<string, string> = {
    'Basic%20 credentials': `authorization=Basic%20${encodeURIComponent(creds)}`,
    'Basic+ credentials (form encoding)': `h=Basic+${creds}`,
    'Bearer%20 token': `h=Bearer%20${pw}0123456789`,
    'bare base64 of Basic credentials': `the header was ${creds} then`,
    'client%5Fsecret=': `client_id=c1&client%5Fsecret=${pw}`,
    'fully encoded client_secret': `client%5Fsecret%3D${pw}%26x%3Dy`,
    'login form body': `loginForm%3Ausername=alice&loginForm%3Apassword=${pw}&loginForm%3AloginButton=Login`,
    'login form body, decoded': `loginForm:username=alice&loginForm:password=${pw}`,
    "password='…'": `password='${pw}'`,
    'password: "…"': `password: "${pw}"`,
    "'client_secret': '…' (a repr)": `{'client_secret': '${pw}'}`,
    'access_token: v (YAML-ish)': `token_type: Bearer\naccess_token: ${pw}\nexpires_in: 299`,
    'nested JSON in a JSON string': JSON.stringify({ body: JSON.stringify({ access_token: pw, token_type: 'Bearer' }) }),
    'JSON nested twice': JSON.stringify({ a: JSON.stringify({ body: JSON.stringify({ refresh_token: pw }) }) }),
  };
  for (const [form, text] of Object.entries(patterned)) {
    test(`a secret as ${form} is redacted without being registered`, () => {
      const out = redactText(text);
      expect(out).not.toContain(pw);
      expect(out).not.toContain(creds);
      expect(out).not.toContain(encodeURIComponent(creds));
    });
  }

  const jwt = (header: object) =>
    [Buffer.from(JSON.stringify(header)).toString('base64url'), Buffer.from('{"sub":"user-1234567"}').toString('base64url'), 'c2lnbmF0dXJlLXNlZ21lbnQ'].join(
      '.',
    );
  const spaced = [Buffer.from('{ "alg": "RS256" }').toString('base64url'), Buffer.from('{"sub":"u"}').toString('base64url'), 'c2lnbmF0dXJl'].join('.');
  const jwts: Record<string, string> = {
    'split over lines at the dots': jwt({ alg: 'RS256' }).split('.').join('\n.'),
    'wrapped inside a segment': jwt({ alg: 'RS256', kid: 'key-1' }).replace(/(.{24})/, '$1\n'),
    'a header not starting eyJ': spaced,
    'a header with a line break first': [
      Buffer.from('{\n "alg":"HS256"}').toString('base64url'),
      Buffer.from('{"sub":"u"}').toString('base64url'),
      'c2ln',
    ].join('.'),
  };
  for (const [form, token] of Object.entries(jwts)) {
    test(`a JWT ${form} is redacted`, () => {
      const out = redactText(`id_token was\n${token}\n— end`);
      expect(out).toBe(`id_token was\n${REDACTED}\n— end`);
    });
  }

  test('prose, paths, hosts and numbers stay', () => {
    const prose = [
      'specs/revoke-session/protocol.spec.ts:62 — 401 answers (no credentials, wrong secret, no scope): invalid_client, invalid_client.',
      'status code: 200; the token_endpoint_auth_method=client_secret_basic; www.example.com and jans-auth.restv1.revoke_session',
      'Basic authentication is required; WWW-Authenticate: Basic realm="jans-auth"; version 1.2.3.4',
      'authenticated introspection revocation 0123456789abcdef0123456789abcdef',
    ];
    for (const line of prose) expect(redactText(line)).toBe(line);
  });
});

test.describe('the secrets a worker registered reach the runner as keyed digests only', () => {
  test('the runner finds them in raw, URL-encoded, JSON-escaped, entity-escaped and Basic-encoded text; the file holds no secret', () => {
    const dir = tempDir('digests-');
    const key = 'k'.repeat(64);
    const worker = secretChannel(dir, key, 'worker');
    const runner = secretChannel(dir, key, 'runner');
    const token = '3f0c9d1e-7a2b-4c5d-8e9f-0a1b2c3d4e5f-Xy_z-1';
    const cookie = 'YWJjZGVmZ2hpams.sig_value-Z';
    worker.publish(token);
    worker.publish(cookie);
    worker.publish('has spaces and ; punctuation');
    const file = readdirSync(dir).map((f) => join(dir, f));
    expect(file).toHaveLength(1);
    expect(scanForSecrets(dir, [token, cookie])).toEqual([]);
    runner.refresh();
    const texts = [
      `Error: expected 401, got 200 for ${token}`,
      `url?code=x&session_id=${encodeURIComponent(token)}#f`,
      JSON.stringify({ v: `cookie ${cookie}` }),
      `x=${encodeURIComponent(cookie).replace(/_/g, '%5F').replace(/-/g, '%2D')}`,
      `&lt;b&gt;${cookie}&lt;/b&gt;`,
      `Authorization: Basic ${Buffer.from(`client-1:${token}`).toString('base64')}`,
    ];
    for (const text of texts) expect(runner.find(text), text).toContain(text.includes('YWJj') || text.includes('%5F') || text.includes('lt;') ? cookie : token);
    expect(runner.find('nothing secret here: 0123456789abcdef')).toEqual([]);
    // A digest keyed with another key finds nothing: a file left by a killed run is useless.
    const stranger = secretChannel(dir, 'x'.repeat(64), 'runner');
    stranger.refresh();
    expect(stranger.find(texts[0] as string)).toEqual([]);
    runner.discard();
    expect(readdirSync(dir)).toEqual([]);
  });
});
