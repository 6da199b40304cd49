import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { compactVerify, decodeProtectedHeader, importJWK, UnsecuredJWT } from 'jose';
import { loadClientKey } from '../../fixtures/access/client-key';
import { GLOBAL_TOKEN_REVOCATION, REVOKE_SESSION } from '../../fixtures/access/endpoints';
import { rememberIdToken, unknownUser } from '../../fixtures/access/subjects';
import { ConfigError, loadConfig } from '../../fixtures/config';
import { clientJwt, GTR_JWT_TYPE } from '../../fixtures/flows/client-auth';
import { redactText } from '../../fixtures/reporting/redact';

/**
 * The draft profile's pieces on their own: its settings, how a request names a user in each
 * dialect (Janssen's requests unchanged), the revoker's key file and the JWTs signed with it.
 */

const dir = mkdtempSync(join(tmpdir(), 'rs-draft-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const STATIC = { JANS_ISSUER: 'https://op.example', JANS_TARGET_FILE: file('target.yaml', 'x') };

test('draft settings: defaults, and each refused in one sentence where it cannot apply', () => {
  expect(loadConfig({ JANS_GTR_PROFILE: 'draft' }).draft).toEqual({
    subjectFormat: 'email',
    subjectMember: 'sub_id',
    clientAuth: 'client_secret_basic',
    clientKeyFile: undefined,
  });
  const key = file('key.pem', 'not a key');
  for (const [env, sentence] of [
    [{ JANS_GTR_CLIENT_AUTH: 'private_key_jwt' }, /JANS_GTR_CLIENT_AUTH applies to JANS_GTR_PROFILE=draft only/],
    [{ JANS_GTR_SUBJECT_FORMAT: 'email', JANS_GTR_SUBJECT_MEMBER: 'subject' }, /JANS_GTR_SUBJECT_FORMAT, JANS_GTR_SUBJECT_MEMBER apply to/],
    [
      { JANS_GTR_PROFILE: 'draft', JANS_GTR_SUBJECT_FORMAT: 'phone_number' },
      /JANS_GTR_SUBJECT_FORMAT="phone_number" is unknown: use email or iss_sub or opaque/,
    ],
    [{ JANS_GTR_PROFILE: 'draft', JANS_GTR_CLIENT_AUTH: 'mtls' }, /JANS_GTR_CLIENT_AUTH="mtls" is unknown/],
    [{ ...STATIC, JANS_GTR_PROFILE: 'draft', JANS_GTR_CLIENT_AUTH: 'private_key_jwt' }, /in static mode needs JANS_GTR_CLIENT_KEY/],
    [{ JANS_GTR_PROFILE: 'draft', JANS_GTR_CLIENT_AUTH: 'private_key_jwt', JANS_GTR_CLIENT_KEY: key }, /read in static mode only/],
    [{ ...STATIC, JANS_GTR_PROFILE: 'draft', JANS_GTR_CLIENT_KEY: key }, /used only with JANS_GTR_CLIENT_AUTH=private_key_jwt/],
  ] as const) {
    expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
    expect(() => loadConfig(env), JSON.stringify(env)).toThrow(sentence);
  }
  expect(
    loadConfig({ ...STATIC, JANS_GTR_PROFILE: 'draft', JANS_GTR_CLIENT_AUTH: 'global-token-revocation+jwt', JANS_GTR_CLIENT_KEY: key }).draft.clientKeyFile,
  ).toBe(key);
});

test("requests name users in the endpoint's dialect; Janssen's bodies are as they always were", () => {
  const janssen = loadConfig({});
  const draft = (extra: Record<string, string> = {}) => ({ ...loadConfig({ JANS_GTR_PROFILE: 'draft', ...extra }), issuer: 'https://op.example' });
  const alice = { uid: `alice-${Date.now()}`, mail: 'alice@rs-conformance.invalid' };
  const naming = GLOBAL_TOKEN_REVOCATION.naming(alice, janssen);
  expect(naming).toEqual({ key: 'uid', value: alice.uid });
  expect(GLOBAL_TOKEN_REVOCATION.request(naming as { key: string; value: string }).body).toBe(`{"sub_id":{"format":"uid","id":"${alice.uid}"}}`);
  expect(GLOBAL_TOKEN_REVOCATION.request({ key: 'mail' }).body).toBe('{"sub_id":{"format":"mail"}}');
  expect(REVOKE_SESSION.request(REVOKE_SESSION.naming(alice, draft()) as { key: string; value: string }).body).toBe(
    `user_criterion_key=uid&user_criterion_value=${alice.uid}`,
  );
  expect(GLOBAL_TOKEN_REVOCATION.request(GLOBAL_TOKEN_REVOCATION.naming(alice, draft()) as never).body).toBe(
    '{"sub_id":{"format":"email","email":"alice@rs-conformance.invalid"}}',
  );
  expect(GLOBAL_TOKEN_REVOCATION.request(GLOBAL_TOKEN_REVOCATION.naming(alice, draft({ JANS_GTR_SUBJECT_MEMBER: 'subject' })) as never).body).toBe(
    '{"subject":{"format":"email","email":"alice@rs-conformance.invalid"}}',
  );
  // A sub is known once a login returned an id_token: until then iss_sub and opaque cannot name the user.
  expect(GLOBAL_TOKEN_REVOCATION.naming(alice, draft({ JANS_GTR_SUBJECT_FORMAT: 'iss_sub' }))).toBeUndefined();
  rememberIdToken(alice, new UnsecuredJWT({ iss: 'https://op.example/', sub: 'inum-1' }).encode());
  expect(GLOBAL_TOKEN_REVOCATION.naming(alice, draft({ JANS_GTR_SUBJECT_FORMAT: 'iss_sub' }))).toEqual({
    subject: { format: 'iss_sub', iss: 'https://op.example/', sub: 'inum-1' },
    member: 'sub_id',
  });
  expect(GLOBAL_TOKEN_REVOCATION.naming(alice, draft({ JANS_GTR_SUBJECT_FORMAT: 'opaque' }))?.subject).toEqual({ format: 'opaque', id: 'inum-1' });
  const nobody = unknownUser();
  expect(GLOBAL_TOKEN_REVOCATION.naming(nobody, draft({ JANS_GTR_SUBJECT_FORMAT: 'iss_sub' }))?.subject).toEqual({
    format: 'iss_sub',
    iss: 'https://op.example',
    sub: nobody.uid,
  });
  expect(() => REVOKE_SESSION.request({ subject: { format: 'email', email: 'a@b' }, member: 'sub_id' })).toThrow(/criterion/);
});

test('the revoker key: a PEM or a private JWK, its algorithm from its type, its private half registered for redaction', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const fromPem = loadClientKey(file('ec.pem', pem));
  expect({ alg: fromPem.alg, kid: fromPem.kid, kty: fromPem.publicJwk.kty }).toEqual({ alg: 'ES256', kid: undefined, kty: 'EC' });
  expect(Object.keys(fromPem.publicJwk).filter((m) => ['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(m))).toEqual([]);
  const bodyLine = pem.split('\n')[1] as string;
  expect(redactText(`leaked: ${bodyLine}`)).not.toContain(bodyLine);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  expect(loadClientKey(file('rsa.pem', rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString())).alg).toBe('RS256');
  const jwk = { ...ec.privateKey.export({ format: 'jwk' }), kid: 'operator-key-1', alg: 'ES256' };
  const fromJwk = loadClientKey(file('key.jwk', JSON.stringify(jwk)));
  expect({ alg: fromJwk.alg, kid: fromJwk.kid, d: fromJwk.publicJwk.d }).toEqual({ alg: 'ES256', kid: 'operator-key-1', d: undefined });
  expect(redactText(`leaked: ${jwk.d}`)).not.toContain(jwk.d as string);
  expect(() => loadClientKey(file('bad.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'))).toThrow(/is not a private key/);

  // The two JWT forms, verified with the public key as a server would.
  const audience = 'https://op.example/jans-auth/restv1/global-token-revocation';
  const publicKey = await importJWK(fromJwk.publicJwk, 'ES256');
  for (const [form, typ] of [
    ['private_key_jwt', 'JWT'],
    ['global-token-revocation+jwt', GTR_JWT_TYPE],
  ] as const) {
    const jwt = await clientJwt(form, 'client-1', fromJwk, audience);
    const claims = JSON.parse(new TextDecoder().decode((await compactVerify(jwt, publicKey)).payload)) as Record<string, number | string>;
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'ES256', kid: 'operator-key-1', typ });
    expect({ iss: claims.iss, sub: claims.sub, aud: claims.aud }).toEqual({ iss: 'client-1', sub: 'client-1', aud: audience });
    expect(typeof claims.jti).toBe('string');
    expect((claims.exp as number) - (claims.iat as number)).toBe(form === 'private_key_jwt' ? 120 : 300);
  }
});
