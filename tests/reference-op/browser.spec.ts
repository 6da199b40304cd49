import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { authorizeUrl } from './login-support';
import { createClient, createUser, expect, JANS, opFetch, revoke, startOp, test, tokenFor, viewAt } from './support';

test('https: the certificate verifies against caFile for 127.0.0.1', async () => {
  const op = await startOp({ http: false });
  try {
    expect(op.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(op.caFile).toBeTruthy();
    expect(await readFile(op.caFile ?? '', 'utf8')).toBe(op.caPem);
    const res = await opFetch(op)(`${op.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
  } finally {
    await op.close();
  }
});

test('Chromium: login and consent pages, then prompt=none gives a code before and login_required after revocation', async ({ browser }) => {
  const op = await startOp({ http: false });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  // The relying party's redirect target: a loopback page, so Chromium never needs DNS.
  const rp = createServer((_req, res) => res.end('callback'));
  await new Promise<void>((resolve) => rp.listen(0, '127.0.0.1', resolve));
  const callback = `http://127.0.0.1:${(rp.address() as AddressInfo).port}/callback`;
  const atCallback = (url: URL) => url.toString().startsWith(callback);
  try {
    const token = await tokenFor(op);
    const user = await createUser(op, token);
    const client = await createClient(op, token, { trustedClient: false, redirectUris: [callback] });
    const page = await context.newPage();

    await page.goto(authorizeUrl(op, client, { redirect_uri: callback }));
    await page.locator('[id="loginForm:username"]').fill(user.userId);
    await page.locator('[id="loginForm:password"]').fill('wrong-password');
    await page.locator('[id="loginForm:loginButton"]').click();
    await expect(page.getByText('Failed to authenticate.')).toBeVisible();

    await page.locator('[id="loginForm:username"]').fill(user.userId);
    await page.locator('[id="loginForm:password"]').fill(user.password);
    await page.locator('[id="loginForm:loginButton"]').click();
    await page.locator('[id="authorizeForm:allowButton"]').click();
    await page.waitForURL(atCallback);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();

    const cookies = await context.cookies(op.issuer);
    const byName = new Map(cookies.map((c) => [c.name, c]));
    expect(byName.get('session_id')).toMatchObject({ httpOnly: true, secure: true, path: '/' });
    expect(byName.get('session_state')).toMatchObject({ httpOnly: false, secure: true });
    expect(byName.get('opbs')).toMatchObject({ httpOnly: false, secure: true });

    const promptNone = async () => {
      await page.goto(authorizeUrl(op, client, { prompt: 'none', redirect_uri: callback }));
      await page.waitForURL(atCallback);
      const params = new URL(page.url()).searchParams;
      return params.get('code') ? 'code' : params.get('error');
    };
    const status = async () => ((await (await context.request.get(`${op.issuer}/jans-auth/restv1/session_status`)).json()) as { state: string }).state;

    expect(await promptNone()).toBe('code');
    expect(await status()).toBe('authenticated');
    const res = await revoke(op, {
      auth: `Basic ${Buffer.from(`${client.inum}:${client.clientSecret}`).toString('base64')}`,
      params: { user_criterion_key: 'uid', user_criterion_value: user.userId },
    });
    expect(res.status).toBe(200);
    expect(await status()).toBe('unknown');
    expect(await promptNone()).toBe('login_required');
  } finally {
    await context.close();
    rp.close();
    await op.close();
  }
});

test('Chromium over https: a login at node 1 is seen at node 2 with the same cookies (cookies are not port-specific)', async ({ browser }) => {
  const op = await startOp({ http: false, nodes: 2 });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const rp = createServer((_req, res) => res.end('callback'));
  await new Promise<void>((resolve) => rp.listen(0, '127.0.0.1', resolve));
  const callback = `http://127.0.0.1:${(rp.address() as AddressInfo).port}/callback`;
  const atCallback = (url: URL) => url.toString().startsWith(callback);
  try {
    const [n1, n2] = op.nodeUrls.map((url) => viewAt(op, url)) as [RunningReferenceOp, RunningReferenceOp];
    const token = await tokenFor(op);
    const user = await createUser(op, token);
    const client = await createClient(op, token, { redirectUris: [callback] });
    const page = await context.newPage();
    const visited: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest()) visited.push(new URL(request.url()).origin);
    });
    await page.goto(authorizeUrl(n1, client, { redirect_uri: callback }));
    await page.locator('[id="loginForm:username"]').fill(user.userId);
    await page.locator('[id="loginForm:password"]').fill(user.password);
    await page.locator('[id="loginForm:loginButton"]').click();
    await page.waitForURL(atCallback);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
    // Every page of the login was at node 1: the interaction and resume URLs follow the request's origin.
    expect(new Set(visited.filter((o) => o !== new URL(callback).origin))).toEqual(new Set([n1.issuer]));

    await page.goto(authorizeUrl(n2, client, { prompt: 'none', redirect_uri: callback }));
    await page.waitForURL(atCallback);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
    const status = (await (await context.request.get(`${n2.issuer}${JANS}/session_status`)).json()) as { state: string };
    expect(status.state).toBe('authenticated');
  } finally {
    await context.close();
    rp.close();
    await op.close();
  }
});
