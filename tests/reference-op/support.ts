import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { test as base, expect } from '@playwright/test';
import { startReferenceOp, type ReferenceOpOptions, type RunningReferenceOp } from '../../fixtures/reference-op/server';
import { CONFIG_SCOPES as OP_CONFIG_SCOPES } from '../../fixtures/reference-op/scopes';

/**
 * Helpers for the reference OP's own tests. Every test gets its own OP (plain http on a free
 * port unless it asks otherwise), so tests are independent and parallel-safe.
 */

export { expect };

/** Every Config API scope (janssen-admin-api-facts §3); the OP's tests import no harness code. */
export const CONFIG_SCOPES: string[] = Object.values(OP_CONFIG_SCOPES);
export const REVOKE_SCOPE_DN = 'inum=7D90,ou=scopes,o=jans';
export const GTR_SCOPE_DN = 'inum=7D92,ou=scopes,o=jans';
export const OFFLINE_SCOPE_DN = 'inum=C4F6,ou=scopes,o=jans';
export const REDIRECT_URI = 'https://rp.example.test/callback';
export const JANS = '/jans-auth/restv1';

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;
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

/** A cookie jar good enough for one host: later cookies replace earlier ones, expired ones go. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  constructor(private readonly fetchImpl: Fetch = (url, init) => fetch(url, init)) {}

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await this.fetchImpl(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.header() } });
    this.store(res);
    return res;
  }
}

export function authorizeUrl(op: RunningReferenceOp, client: Client, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: client.inum,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid profile',
    state: randomUUID(),
    nonce: randomUUID(),
    ...extra,
  });
  return `${op.issuer}/jans-auth/restv1/authorize?${params.toString()}`;
}

/** Follows redirects on the OP until one leaves it (to the client's redirect_uri) or a page renders. */
async function follow(op: RunningReferenceOp, jar: CookieJar, url: string, init?: RequestInit): Promise<Response> {
  let res = await jar.fetch(url, init);
  for (let i = 0; i < 10 && res.status >= 300 && res.status < 400; i++) {
    const location = new URL(res.headers.get('location') ?? '', url).toString();
    if (!location.startsWith(op.issuer)) return res;
    res = await jar.fetch(location);
  }
  return res;
}

/** Logs a user in over plain HTTP (login form posts), consenting if asked; returns the code redirect. */
export async function login(
  op: RunningReferenceOp,
  client: Client,
  user: Pick<User, 'userId' | 'password'>,
  jar = new CookieJar(opFetch(op)),
  authorizeParams: Record<string, string> = {},
): Promise<{ jar: CookieJar; location: URL; pages: string[] }> {
  let res = await follow(op, jar, authorizeUrl(op, client, authorizeParams));
  const pages: string[] = [];
  for (let step = 0; step < 4 && res.status === 200; step++) {
    const html = await res.text();
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '', op.issuer).toString();
    const formId = /<form[^>]*id="([^"]+)"/.exec(html)?.[1] ?? '';
    pages.push(formId);
    const body =
      formId === 'loginForm'
        ? form({ 'loginForm:username': user.userId, 'loginForm:password': user.password })
        : formId === 'otpForm'
          ? form({ otpForm: 'otpForm', 'otpForm:code': '123456' })
          : form({ 'authorizeForm:decision': 'allow' });
    if (html.includes('Failed to authenticate.')) throw new Error('Failed to authenticate.');
    res = await follow(op, jar, action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    if (res.status === 200 && (await res.clone().text()).includes('Failed to authenticate.')) throw new Error('Failed to authenticate.');
  }
  expect(res.status).toBeGreaterThanOrEqual(300);
  return { jar, location: new URL(res.headers.get('location') ?? ''), pages };
}

/** prompt=none in the same "browser": "code" while the session lives, else the error code. */
export async function promptNone(op: RunningReferenceOp, client: Client, jar: CookieJar): Promise<string> {
  const res = await follow(op, jar, authorizeUrl(op, client, { prompt: 'none' }));
  const location = new URL(res.headers.get('location') ?? '');
  return location.searchParams.get('code') ? 'code' : (location.searchParams.get('error') ?? 'none');
}

/** Opens the login page in a new "browser" (an unauthenticated session bound to nobody). */
export async function atLoginPage(
  op: RunningReferenceOp,
  client: Client,
  jar = new CookieJar(opFetch(op)),
): Promise<{ jar: CookieJar; html: string; action: string }> {
  const res = await follow(op, jar, authorizeUrl(op, client));
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('id="loginForm"');
  return { jar, html, action: new URL(/<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '', op.issuer).toString() };
}

/** Step 1 of the multi_step ACR: the password page answers with the OTP page, the session stays unauthenticated. */
export async function multiStepFirstStep(
  op: RunningReferenceOp,
  client: Client,
  user: Pick<User, 'userId' | 'password'>,
): Promise<{ jar: CookieJar; action: string }> {
  const jar = new CookieJar(opFetch(op));
  const res = await follow(op, jar, authorizeUrl(op, client, { acr_values: 'multi_step' }));
  const html = await res.text();
  const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '', op.issuer).toString();
  const step = await follow(op, jar, action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ 'loginForm:username': user.userId, 'loginForm:password': user.password }),
  });
  expect(step.status).toBe(200);
  expect(await step.text()).toContain('id="otpForm"');
  return { jar, action };
}

export async function sessionState(op: RunningReferenceOp, jar: CookieJar): Promise<string> {
  const res = await jar.fetch(`${op.issuer}/jans-auth/restv1/session_status`);
  return ((await res.json()) as { state: string }).state;
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

/** A provisioned world: admin token, one user logged in, one client with revoke_session. */
export async function world(op: RunningReferenceOp): Promise<{ token: string; user: User; client: Client; jar: CookieJar; auth: string }> {
  const token = await tokenFor(op);
  const user = await createUser(op, token);
  const client = await createClient(op, token);
  const { jar } = await login(op, client, user);
  return { token, user, client, jar, auth: basic(client.inum, client.clientSecret) };
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

// ---------------------------------------------------------------------------------------------
// Global Token Revocation

export interface GtrInput {
  auth?: string;
  /** A value is sent as JSON; a string is sent as is. */
  body?: unknown;
  contentType?: string | null;
  method?: string;
  accept?: string;
  query?: Record<string, string>;
}

export const subject = (format: string, id: string) => ({ sub_id: { format, id } });

export async function gtr(op: RunningReferenceOp, input: GtrInput, path = `${JANS}/global-token-revocation`): Promise<Response> {
  const headers: Record<string, string> = {};
  if (input.contentType !== null) headers['content-type'] = input.contentType ?? 'application/json';
  if (input.auth) headers.authorization = input.auth;
  if (input.accept) headers.accept = input.accept;
  const method = input.method ?? 'POST';
  const query = input.query ? `?${form(input.query)}` : '';
  const body = input.body === undefined ? undefined : typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  return opFetch(op)(`${op.issuer}${path}${query}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
}

export interface Tokens {
  accessToken: string;
  refreshToken?: string;
}

/** A live login: browser session, access token and (with offline_access + prompt=consent) a refresh token. */
export async function liveLogin(
  op: RunningReferenceOp,
  client: Client,
  user: Pick<User, 'userId' | 'password'>,
  params: Record<string, string> = {},
): Promise<Tokens & { jar: CookieJar }> {
  const { jar, location } = await login(op, client, user, undefined, { scope: 'openid profile offline_access', prompt: 'consent', ...params });
  const res = await redeem(op, client, location.searchParams.get('code') ?? '');
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { access_token: string; refresh_token?: string };
  return { jar, accessToken: body.access_token, refreshToken: body.refresh_token };
}

/** A login client as the GTR catalogue wants it (e1): refresh_token grant, offline_access, consent page. */
export async function loginClient(op: RunningReferenceOp, token: string, extra: Record<string, unknown> = {}): Promise<Client> {
  return createClient(op, token, {
    grantTypes: ['authorization_code', 'refresh_token'],
    scopes: ['openid', 'profile', OFFLINE_SCOPE_DN],
    trustedClient: false,
    ...extra,
  });
}

/** The revoking client: client_credentials, the global_token_revocation scope. */
export async function gtrClient(op: RunningReferenceOp, token: string, extra: Record<string, unknown> = {}): Promise<Client> {
  return createClient(op, token, { redirectUris: [], grantTypes: ['client_credentials'], responseTypes: [], scopes: [GTR_SCOPE_DN], ...extra });
}

export async function refresh(op: RunningReferenceOp, client: Client, refreshToken: string): Promise<Response> {
  return opFetch(op)(`${op.issuer}${JANS}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.inum, client.clientSecret) },
    body: form({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
}

/** One victim: two browsers at two login clients, tokens from both, and the revoking client. */
export interface GtrWorld {
  token: string;
  user: User;
  clients: [Client, Client];
  logins: [Tokens & { jar: CookieJar }, Tokens & { jar: CookieJar }];
  revoker: Client;
  auth: string;
}

export async function gtrWorld(op: RunningReferenceOp): Promise<GtrWorld> {
  const token = await tokenFor(op);
  const user = await createUser(op, token);
  const clients: [Client, Client] = [await loginClient(op, token), await loginClient(op, token)];
  const logins: GtrWorld['logins'] = [await liveLogin(op, clients[0], user), await liveLogin(op, clients[1], user)];
  const revoker = await gtrClient(op, token);
  return { token, user, clients, logins, revoker, auth: basic(revoker.inum, revoker.clientSecret) };
}

/** Everything a live login holds: session, access token, refresh token (refreshing rotates it in place). */
export async function liveness(
  op: RunningReferenceOp,
  client: Client,
  login: Tokens & { jar: CookieJar },
): Promise<{ session: string; userinfo: number; refresh: number }> {
  const session = await sessionState(op, login.jar);
  const ui = (await userinfo(op, login.accessToken)).status;
  let refreshStatus = 0;
  if (login.refreshToken) {
    const res = await refresh(op, client, login.refreshToken);
    refreshStatus = res.status;
    if (res.ok) login.refreshToken = ((await res.json()) as { refresh_token: string }).refresh_token;
  }
  return { session, userinfo: ui, refresh: refreshStatus };
}

export const ALIVE = { session: 'authenticated', userinfo: 200, refresh: 200 };
export const DEAD = { session: 'unknown', userinfo: 401, refresh: 400 };
