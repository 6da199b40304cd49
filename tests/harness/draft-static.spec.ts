import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { test, expect } from '@playwright/test';
import { randomSecret, uniqueTag } from '../../fixtures/access/provisioning';
import { newReportsDir, readConformance, runSuite, startOpProcess } from './support';

/**
 * The draft profile in static mode: the operator registered a public key on the revoker (and on
 * no_scope) and hands the harness the private key as a PEM file (JANS_GTR_CLIENT_KEY); users are
 * named by `opaque` subject identifiers, whose sub the harness learns from each user's login — also
 * for a user who never logged in before (GTR-REV-9). The clients are ordinary ones. The key never
 * reaches a report.
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('static mode, draft profile: a PEM key signs the revoker’s JWTs, users named by the sub of their logins', async () => {
  test.setTimeout(300_000);
  const op = await startOpProcess({ REFOP_GTR_PROFILE: 'draft' });
  try {
    const api = op.configApi();
    const redirectUri = 'https://127.0.0.1/rs-conformance/callback';
    const prefix = `rsconf-draft-${uniqueTag()}-`;
    const users = [];
    for (const name of 'abcdef') {
      const user = {
        uid: `${prefix}${name}`,
        password: randomSecret(),
        mail: `${prefix}${name}@rs-conformance.invalid`,
        givenName: `${prefix}${name}`,
        displayName: name,
      };
      await api.createUser({ userId: user.uid, ...user });
      users.push(user);
    }
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256' }] });
    const dir = newReportsDir();
    const keyFile = join(dir, 'revoker-key.pem');
    writeFileSync(keyFile, pem);
    const client = async (grant: string[], scopes: string[], keys?: string) => {
      const created = await api.createClient({
        clientName: `draft static ${grant.join(' ')} ${scopes.join(' ')}`,
        redirectUris: [redirectUri],
        grantTypes: grant,
        responseTypes: grant.includes('authorization_code') ? ['code'] : [],
        tokenEndpointAuthMethod: 'client_secret_basic',
        scopes,
        // Ordinary clients, as an operator makes them: the harness logs in with prompt=consent.
        trustedClient: false,
        ...(keys ? { jwks: keys } : {}),
      });
      return { client_id: created.inum, client_secret: created.clientSecret };
    };
    const login = ['authorization_code', 'refresh_token'];
    const loginScopes = ['openid', 'profile', 'email', 'offline_access'];
    const targetFile = join(dir, 'target.yaml');
    writeFileSync(
      targetFile,
      dump({
        issuer: op.issuer,
        user_prefix: prefix,
        users,
        clients: {
          login: { ...(await client(login, loginScopes)), redirect_uri: redirectUri, refresh_tokens: true },
          login_b: { ...(await client(login, loginScopes)), redirect_uri: redirectUri, refresh_tokens: true },
          gtr_revoker: await client(['client_credentials'], ['openid', 'global_token_revocation'], jwks),
          no_scope: await client(['client_credentials'], ['openid'], jwks),
        },
      }),
    );
    const run = await runSuite(['--grep', 'GTR-AUTH-2|GTR-AUTH-4|GTR-AUTH-5'], {
      JANS_ISSUER: op.issuer,
      JANS_TARGET_FILE: targetFile,
      JANS_CA_FILE: op.caFile,
      JANS_WORKERS: '1',
      JANS_GTR_PROFILE: 'draft',
      JANS_GTR_SUBJECT_FORMAT: 'opaque',
      JANS_GTR_CLIENT_AUTH: 'private_key_jwt',
      JANS_GTR_CLIENT_KEY: keyFile,
    });
    expect(run.code, run.output.slice(-3000)).toBe(0);
    const verdicts = Object.fromEntries(readConformance(run.reportsDir).requirements.map((r) => [r.id, r.verdict]));
    expect({ ...verdicts, 'GTR-FLAG-6': undefined }).toMatchObject({
      'GTR-AUTH-4': 'PASS',
      'GTR-AUTH-5': 'PASS',
      'GTR-AUTH-2': 'PASS',
      'GTR-REV-1': 'PASS',
      // A user who never logged in: named by the sub of a first login, which the first call ends.
      'GTR-REV-9': 'PASS',
      'GTR-TOK-2': 'PASS',
    });
    const lines = pem
      .split('\n')
      .filter((line) => line && !line.startsWith('-----'))
      .filter((line) => line.length >= 16);
    for (const file of filesUnder(run.reportsDir)) {
      const text = readFileSync(file, 'latin1');
      for (const line of lines) expect(text.includes(line), `${file} carries the private key`).toBe(false);
    }
  } finally {
    await op.stop();
  }
});
