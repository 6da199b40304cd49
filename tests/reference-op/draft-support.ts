import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import type { ReferenceOpOptions, RunningReferenceOp } from '../../fixtures/reference-op/server';
import { gtr, gtrClient, type GtrInput, liveLogin, loginClient, type Tokens } from './gtr-support';
import { CookieJar, login, sessionState } from './login-support';
import { basic, type Client, createUser, expect, expectEmpty, form, JANS, opFetch, tokenFor, type User, userinfo } from './support';

/** Helpers for the draft profile's tests (draft.spec.ts and its checks, draft-profile.spec.ts, the draft faults' checks in fault-checks-topology.ts). */

export const DRAFT: ReferenceOpOptions = { gtrProfile: 'draft' };
export const GTR_PATH = `${JANS}/global-token-revocation`;
export const GTR_JWT_TYPE = 'global-token-revocation+jwt';

/** RFC 9493 subject identifiers, as the draft sends them. */
export const byEmail = (email: string) => ({ sub_id: { format: 'email', email } });
export const byIssSub = (iss: string, sub: string) => ({ sub_id: { format: 'iss_sub', iss, sub } });
export const byOpaque = (id: string) => ({ sub_id: { format: 'opaque', id } });

export interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

export async function signingKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }, kid };
}

/** The revoking client: client_credentials, the scope, and a registered public key. */
export interface Revoker {
  client: Client;
  key: SigningKey;
  auth: string;
}

export async function revoker(op: RunningReferenceOp, token: string, extra: Record<string, unknown> = {}): Promise<Revoker> {
  const key = await signingKey();
  const client = await gtrClient(op, token, { jwks: { keys: [key.publicJwk] }, ...extra });
  return { client, key, auth: basic(client.inum, client.clientSecret) };
}

/** A client_credentials access token of the client, with the scopes asked. */
export async function accessTokenOf(op: RunningReferenceOp, client: Client, scope: string): Promise<string> {
  const res = await opFetch(op)(`${op.issuer}${JANS}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.inum, client.clientSecret) },
    body: form({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const now = () => Math.floor(Date.now() / 1000);

/** An RFC 7523 client assertion: iss = sub = client_id, aud = the endpoint, exp in 2 minutes, a fresh jti. */
export async function clientAssertion(op: RunningReferenceOp, r: Revoker, claims: Record<string, unknown> = {}, key: SigningKey = r.key): Promise<string> {
  return new SignJWT({ iss: r.client.inum, sub: r.client.inum, aud: `${op.issuer}${GTR_PATH}`, iat: now(), exp: now() + 120, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .sign(key.privateKey);
}

export const assertionQuery = (assertion: string) => ({
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: assertion,
});

/** Okta's Universal Logout bearer JWT: typ global-token-revocation+jwt, sub = client_id, ±5 minutes. */
export async function universalLogoutJwt(
  op: RunningReferenceOp,
  r: Revoker,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
  key: SigningKey = r.key,
): Promise<string> {
  return new SignJWT({
    jti: randomUUID(),
    iss: 'https://org.okta.example',
    sub: r.client.inum,
    aud: `${op.issuer}${GTR_PATH}`,
    iat: now(),
    nbf: now() - 300,
    exp: now() + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: GTR_JWT_TYPE, ...header })
    .sign(key.privateKey);
}

/** What one victim holds: a browser session, tokens from a login, and a code not redeemed yet. */
export interface DraftVictim {
  user: User;
  client: Client;
  login: Tokens & { jar: CookieJar };
  /** A code issued in another browser of the user, not exchanged yet. */
  code: string;
}

export async function victim(op: RunningReferenceOp, token: string): Promise<DraftVictim> {
  const user = await createUser(op, token);
  const client = await loginClient(op, token);
  const live = await liveLogin(op, client, user);
  const { location } = await login(op, client, user, undefined, { scope: 'openid profile offline_access', prompt: 'consent' });
  return { user, client, login: live, code: location.searchParams.get('code') ?? '' };
}

export interface DraftWorld {
  token: string;
  victim: DraftVictim;
  bystander: DraftVictim;
  revoker: Revoker;
}

export async function draftWorld(op: RunningReferenceOp): Promise<DraftWorld> {
  const token = await tokenFor(op);
  return { token, victim: await victim(op, token), bystander: await victim(op, token), revoker: await revoker(op, token) };
}

export type Check = (op: RunningReferenceOp) => Promise<void>;

export async function expectUnauthenticated(res: Response): Promise<void> {
  await expectEmpty(res, 401);
  expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
}

/** Everything the victim holds still works (session_status only: refreshing would rotate, redeeming consume). */
export async function expectUntouched(op: RunningReferenceOp, v: DraftVictim): Promise<void> {
  expect(await sessionState(op, v.login.jar)).toBe('authenticated');
  expect((await userinfo(op, v.login.accessToken)).status).toBe(200);
}

/** The call must not have revoked anything. */
export async function refusedWith(op: RunningReferenceOp, w: DraftWorld, input: GtrInput, status: number): Promise<void> {
  const res = await gtr(op, input);
  if (status === 401) await expectUnauthenticated(res);
  else await expectEmpty(res, status);
  await expectUntouched(op, w.victim);
}

export const revokeByEmail = async (op: RunningReferenceOp, w: DraftWorld, auth = w.revoker.auth) =>
  expectEmpty(await gtr(op, { auth, body: byEmail(w.victim.user.mail) }), 204);
