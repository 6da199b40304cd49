import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { CookieJar, login, sessionState } from './login-support';
import {
  basic,
  type Client,
  createClient,
  createUser,
  expect,
  form,
  GTR_SCOPE_DN,
  JANS,
  OFFLINE_SCOPE_DN,
  opFetch,
  redeem,
  refresh,
  tokenFor,
  type User,
  userinfo,
} from './support';

/** Helpers for the tests of Janssen's Global Token Revocation: the call, its worlds (a victim with live logins at two clients), and what still works. */

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

export const byUid = (userId: string) => subject('uid', userId);

export async function expectAlive(op: RunningReferenceOp, w: GtrWorld, which: 0 | 1 = 0): Promise<void> {
  expect(await liveness(op, w.clients[which], w.logins[which])).toEqual(ALIVE);
}
