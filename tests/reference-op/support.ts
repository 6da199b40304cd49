import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { test as base, expect } from '@playwright/test';
import { startReferenceOp, type ReferenceOpOptions, type RunningReferenceOp } from '../../fixtures/reference-op/server';
import { CONFIG_SCOPES as OP_CONFIG_SCOPES } from '../../fixtures/reference-op/scopes';

/**
 * Helpers for the reference OP's own tests: starting an OP, reaching it, provisioning it, and the
 * plain calls the tests make. Every test gets its own OP (plain http on a free port unless it asks
 * otherwise), so tests are independent and parallel-safe. A user's logins are in login-support.ts,
 * Global Token Revocation's worlds in gtr-support.ts.
 */

export { expect };

/** Every Config API scope (docs/behaviour/config-api.md#authorization); the OP's tests import no harness code. */
export const CONFIG_SCOPES: string[] = Object.values(OP_CONFIG_SCOPES);
export const REVOKE_SCOPE_DN = 'inum=7D90,ou=scopes,o=jans';
export const GTR_SCOPE_DN = 'inum=7D92,ou=scopes,o=jans';
export const OFFLINE_SCOPE_DN = 'inum=C4F6,ou=scopes,o=jans';
export const REDIRECT_URI = 'https://rp.example.test/callback';
export const JANS = '/jans-auth/restv1';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;
const fetchers = new WeakMap<RunningReferenceOp, Fetch>();

/** fetch() that trusts exactly the OP's own certificate (the harness's view of caFile). */
export function fetchTrusting(ca: string): Fetch {
  return (url, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const headers = Object.fromEntries(new Headers(init.headers));
      const req = httpsRequest(url, { method: init.method ?? 'GET', headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) value.forEach((v) => out.append(name, v));
            else if (value !== undefined) out.set(name, value);
          }
          const status = res.statusCode ?? 0;
          const body = [204, 304].includes(status) ? null : new Uint8Array(Buffer.concat(chunks));
          resolve(new Response(body, { status, headers: out }));
        });
      });
      req.on('error', reject);
      if (typeof init.body === 'string') req.write(init.body);
      req.end();
    });
}

/** The fetch to reach an OP with: global fetch for http, certificate-pinned for https. */
export function opFetch(op: RunningReferenceOp): Fetch {
  return fetchers.get(op) ?? ((url, init) => fetch(url, init));
}

/**
 * The OP as seen at another base URL of it (a node of a multi-node OP): every helper taking `op`
 * then sends its requests there, with the same certificate trust.
 */
export function viewAt(op: RunningReferenceOp, baseUrl: string): RunningReferenceOp {
  const view = { ...op, issuer: baseUrl };
  const fetcher = fetchers.get(op);
  if (fetcher) fetchers.set(view, fetcher);
  return view;
}

export async function startOp(options: ReferenceOpOptions = {}): Promise<RunningReferenceOp> {
  const op = await startReferenceOp({ http: true, quiet: true, ...options });
  if (op.caPem) fetchers.set(op, fetchTrusting(op.caPem));
  return op;
}

/** A fault's check: how to start the OP, and a light proof that the deviation is really active. */
export interface FaultCheck {
  options?: ReferenceOpOptions;
  check: (op: RunningReferenceOp) => Promise<void>;
}

export const test = base.extend<{ opOptions: ReferenceOpOptions; op: RunningReferenceOp }>({
  opOptions: [{}, { option: true }],
  op: async ({ opOptions }, use) => {
    const op = await startOp(opOptions);
    await use(op);
    await op.close();
  },
});

export const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export async function tokenFor(
  op: RunningReferenceOp,
  scopes: string[] = CONFIG_SCOPES,
  id = 'conformance-admin',
  secret = 'conformance-admin-secret',
): Promise<string> {
  const res = await opFetch(op)(`${op.issuer}/jans-auth/restv1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(id, secret) },
    body: form({ grant_type: 'client_credentials', scope: scopes.join(' ') }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export interface User {
  inum: string;
  userId: string;
  password: string;
  mail: string;
}

export interface Client {
  inum: string;
  clientSecret: string;
}

export async function createUser(op: RunningReferenceOp, token: string, extra: Record<string, unknown> = {}): Promise<User> {
  const userId = `user-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const res = await opFetch(op)(`${op.issuer}/jans-config-api/mgt/configuser`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ userId, mail: `${userId}@example.test`, displayName: userId, givenName: 'Test', userPassword: password, ...extra }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { inum: string; userId: string; mail: string };
  return { inum: body.inum, userId: body.userId, mail: body.mail, password: typeof extra.userPassword === 'string' ? extra.userPassword : password };
}

export async function createClient(op: RunningReferenceOp, token: string, extra: Record<string, unknown> = {}): Promise<Client> {
  const res = await opFetch(op)(`${op.issuer}/jans-config-api/api/v1/openid/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      clientName: `client-${randomUUID().slice(0, 8)}`,
      redirectUris: [REDIRECT_URI],
      grantTypes: ['authorization_code', 'client_credentials'],
      responseTypes: ['code'],
      tokenEndpointAuthMethod: 'client_secret_basic',
      scopes: [REVOKE_SCOPE_DN, 'openid', 'profile'],
      trustedClient: true,
      ...extra,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Client;
}

export interface RevokeInput {
  auth?: string;
  params?: Record<string, string>;
  method?: string;
  body?: string;
  contentType?: string;
}

export async function revoke(op: RunningReferenceOp, input: RevokeInput, path = '/jans-auth/restv1/revoke_session'): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': input.contentType ?? 'application/x-www-form-urlencoded' };
  if (input.auth) headers.authorization = input.auth;
  const method = input.method ?? 'POST';
  const query = method === 'GET' && input.params ? `?${form(input.params)}` : '';
  return opFetch(op)(`${op.issuer}${path}${query}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : (input.body ?? form(input.params ?? {})),
  });
}

/** A Janssen-like explicit featureFlags list (template @00976381 style) without the given flags. */
export function flagsWithout(...off: string[]): string[] {
  return ['userinfo', 'introspection', 'revoke_token', 'end_session', 'status_session', 'revoke_session', 'global_token_revocation'].filter(
    (f) => !off.includes(f),
  );
}

export async function patchFlags(op: RunningReferenceOp, token: string, flags: string[]): Promise<Response> {
  return opFetch(op)(`${op.issuer}/jans-config-api/api/v1/jans-auth-server/config`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json', authorization: `Bearer ${token}` },
    body: JSON.stringify([{ op: 'replace', path: '/featureFlags', value: flags }]),
  });
}

export async function discovery(op: RunningReferenceOp, path = '/.well-known/openid-configuration'): Promise<Record<string, unknown>> {
  const res = await opFetch(op)(`${op.issuer}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** Exchanges a code at the token endpoint with the client's Basic credentials. */
export async function redeem(op: RunningReferenceOp, client: Client, code: string): Promise<Response> {
  return opFetch(op)(`${op.issuer}${JANS}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.inum, client.clientSecret) },
    body: form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
  });
}

export async function introspect(op: RunningReferenceOp, client: Client, token: string): Promise<Record<string, unknown>> {
  const res = await opFetch(op)(`${op.issuer}${JANS}/introspection`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.inum, client.clientSecret) },
    body: form({ token }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

export async function userinfo(op: RunningReferenceOp, accessToken: string): Promise<Response> {
  return opFetch(op)(`${op.issuer}${JANS}/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
}

export async function patchConfig(op: RunningReferenceOp, token: string, ops: unknown[]): Promise<Response> {
  return opFetch(op)(`${op.issuer}/jans-config-api/api/v1/jans-auth-server/config`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json', authorization: `Bearer ${token}` },
    body: JSON.stringify(ops),
  });
}

export async function refresh(op: RunningReferenceOp, client: Client, refreshToken: string): Promise<Response> {
  return opFetch(op)(`${op.issuer}${JANS}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.inum, client.clientSecret) },
    body: form({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
}

/** The authentication filter's refusal: 401 invalid_client, Basic challenge, its own JSON content type. */
export async function expectInvalidClient(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Basic realm="jans-auth"');
  expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
  expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
}

/** An answer with this status and an empty body. */
export async function expectEmpty(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.text()).toBe('');
}
