import { randomUUID } from 'node:crypto';
import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { basic, type Client, createClient, createUser, expect, type Fetch, form, opFetch, REDIRECT_URI, tokenFor, type User } from './support';

/** A user's browser without a browser, for the reference OP's own tests: cookies, the login pages, prompt=none, session_status. */

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

/** A provisioned world: admin token, one user logged in, one client with revoke_session. */
export async function world(op: RunningReferenceOp): Promise<{ token: string; user: User; client: Client; jar: CookieJar; auth: string }> {
  const token = await tokenFor(op);
  const user = await createUser(op, token);
  const client = await createClient(op, token);
  const { jar } = await login(op, client, user);
  return { token, user, client, jar, auth: basic(client.inum, client.clientSecret) };
}
