import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { chooseBrowser, chromiumArgsFor } from '../../fixtures/browser';
import { loadConfig } from '../../fixtures/config';
import { authorizationRequest } from '../../fixtures/flows/authorization-request';
import { BrowserSession } from '../../fixtures/flows/browser-session';
import { LoginDesk } from '../../fixtures/flows/login';
import { LoginRefused } from '../../fixtures/flows/login-page';
import { startReferenceOp, type RunningReferenceOp } from '../../fixtures/reference-op/server';
import type { ConfigApi, CreatedClient } from '../../fixtures/access/config-api';
import { ConfigApiProvisioner } from '../../fixtures/access/config-api-provisioner';
import type { TestClient } from '../../fixtures/access/provisioning';
import { Target } from '../../fixtures/access/target';

/**
 * The login desk against the reference OP over https: a trusted client, a client that gets the
 * consent page (also one registered for refresh tokens, which Janssen grants it only with
 * prompt=consent), a refused password and a wrong selector. The redirect URI is a loopback server
 * that counts requests: the browser must never contact it.
 */

interface Rig {
  op: RunningReferenceOp;
  rp: Server;
  rpHits: string[];
  browser: Browser;
  connect(env?: Record<string, string>): Promise<{ target: Target; desk: LoginDesk; provisioner: ConfigApiProvisioner }>;
  close(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const op = await startReferenceOp({ port: 0, quiet: true, adminClientSecret: 'login-desk-admin' });
  const rpHits: string[] = [];
  const rp = createServer((req, res) => {
    rpHits.push(req.url ?? '');
    res.end('callback');
  });
  await new Promise<void>((resolve) => rp.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(rp.address() as AddressInfo).port}/rs-conformance/callback`;
  const base = {
    JANS_ISSUER: op.issuer,
    JANS_CA_FILE: op.caFile ?? '',
    JANS_ADMIN_CLIENT_ID: op.adminClientId,
    JANS_ADMIN_CLIENT_SECRET: 'login-desk-admin',
    JANS_REDIRECT_URI: redirectUri,
  };
  const first = await Target.connect(loadConfig(base));
  const browser = await chromium.launch({
    executablePath: chooseBrowser().executablePath,
    args: await chromiumArgsFor(first),
  });
  const desks: LoginDesk[] = [];
  return {
    op,
    rp,
    rpHits,
    browser,
    async connect(env = {}) {
      const target = await Target.connect(loadConfig({ ...base, ...env }));
      const desk = await LoginDesk.open(browser, target);
      desks.push(desk);
      const api = target.configApi;
      if (!api) throw new Error('no Config API');
      return { target, desk, provisioner: new ConfigApiProvisioner(api, redirectUri, undefined) };
    },
    async close() {
      await Promise.all(desks.map((d) => d.close()));
      await browser.close();
      rp.close();
      await op.close();
    },
  };
}

/** An ordinary (not trusted) client at the reference OP, as an operator makes one; with `refreshTokens`, registered for offline_access and the refresh_token grant. */
async function untrustedClient(
  api: ConfigApi,
  target: Target,
  clientName: string,
  refreshTokens: boolean,
): Promise<{ created: CreatedClient; client: TestClient }> {
  const created = await api.createClient({
    clientName,
    redirectUris: [target.config.redirectUri],
    grantTypes: refreshTokens ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    responseTypes: ['code'],
    tokenEndpointAuthMethod: 'client_secret_basic',
    scopes: refreshTokens ? ['openid', 'profile', 'email', 'offline_access'] : ['openid', 'profile', 'email'],
    trustedClient: false,
  });
  const client: TestClient = {
    clientId: created.inum,
    clientSecret: created.clientSecret,
    authMethod: 'client_secret_basic',
    redirectUri: target.config.redirectUri,
    refreshTokens,
  };
  return { created, client };
}

test.describe('login desk', () => {
  let r: Rig;
  test.beforeAll(async () => {
    r = await rig();
  });
  test.afterAll(async () => {
    await r.close();
  });

  test('a trusted client: the session works and the redirect URI is never contacted', async () => {
    const { target, desk, provisioner } = await r.connect();
    const user = await provisioner.createUser();
    const client = await provisioner.createClient('login');
    const session = await BrowserSession.login(desk, target, client, user);
    expect(session.tokens?.id_token).toBeTruthy();
    expect((await session.promptNone()).kind).toBe('code');
    expect((await session.sessionStatus()).state).toBe('authenticated');
    // A second login at the same desk is a second, separate session.
    const second = await BrowserSession.login(desk, target, client, user);
    expect((await second.promptNone()).kind).toBe('code');
    expect(r.rpHits).toEqual([]);
    await provisioner.dispose(() => Promise.resolve(true));
  });

  test('a client that is not trusted: the consent page is accepted', async () => {
    const { target, desk, provisioner } = await r.connect();
    const user = await provisioner.createUser();
    const api = target.configApi;
    if (!api) throw new Error('no Config API');
    const { created, client } = await untrustedClient(api, target, 'rs-conformance consent test', false);
    const session = await BrowserSession.login(desk, target, client, user);
    expect((await session.promptNone()).kind).toBe('code');
    expect(r.rpHits).toEqual([]);
    await api.deleteClient(created.inum);
    await provisioner.dispose(() => Promise.resolve(true));
  });

  test('a client that is not trusted, registered for refresh tokens: the login asks prompt=consent, gives the consent and gets a refresh token; prompt=none still answers a code', async () => {
    const { target, desk, provisioner } = await r.connect();
    const user = await provisioner.createUser();
    const api = target.configApi;
    if (!api) throw new Error('no Config API');
    const { created, client } = await untrustedClient(api, target, 'rs-conformance untrusted refresh test', true);
    const request = await authorizationRequest(target, client);
    expect(request.url.searchParams.get('prompt')).toBe('consent');
    expect(request.url.searchParams.get('scope')).toBe('openid profile email offline_access');
    // A probe's own prompt replaces it; a trusted client is not asked for consent.
    expect((await authorizationRequest(target, client, { prompt: 'none' })).url.searchParams.get('prompt')).toBe('none');
    expect((await authorizationRequest(target, { ...client, trusted: true })).url.searchParams.has('prompt')).toBe(false);
    const session = await BrowserSession.login(desk, target, client, user);
    expect(session.refreshToken, 'offline_access kept by prompt=consent and the consent given').toBeTruthy();
    expect((await session.promptNone()).kind).toBe('code');
    // A second login asks again and again yields a refresh token.
    expect((await BrowserSession.login(desk, target, client, user)).refreshToken).toBeTruthy();
    expect(r.rpHits).toEqual([]);
    await api.deleteClient(created.inum);
    await provisioner.dispose(() => Promise.resolve(true));
  });

  test('a wrong password is refused with the page’s failure text', async () => {
    const { target, desk, provisioner } = await r.connect();
    const user = await provisioner.createUser();
    const client = await provisioner.createClient('login');
    const login = BrowserSession.login(desk, target, client, { ...user, password: 'not-the-password' });
    await expect(login).rejects.toThrow(LoginRefused);
    await expect(login).rejects.toThrow(`the login page refused ${user.uid} ("Failed to authenticate.")`);
    // The desk recovers: the right password works next.
    expect((await (await BrowserSession.login(desk, target, client, user)).promptNone()).kind).toBe('code');
    await provisioner.dispose(() => Promise.resolve(true));
  });

  test('a selector that matches nothing names the variable to fix', async () => {
    const { target, desk, provisioner } = await r.connect({ JANS_LOGIN_PASSWORD_SELECTOR: '#no-such-field' });
    const user = await provisioner.createUser();
    const client = await provisioner.createClient('login');
    await expect(BrowserSession.login(desk, target, client, user)).rejects.toThrow(
      'the login page has no password field: check JANS_LOGIN_PASSWORD_SELECTOR (#no-such-field)',
    );
    await provisioner.dispose(() => Promise.resolve(true));
  });

  test('a page without the login form fails within seconds, naming the variables to fix', async () => {
    const { target, desk, provisioner } = await r.connect({ JANS_LOGIN_USERNAME_SELECTOR: '#no-such-form' });
    const user = await provisioner.createUser();
    const client = await provisioner.createClient('login');
    const started = Date.now();
    await expect(BrowserSession.login(desk, target, client, user)).rejects.toThrow(
      /no login form at \S+: nothing matched JANS_LOGIN_USERNAME_SELECTOR \(#no-such-form\)/,
    );
    // Not the 15 s step deadline: a settled page without the form is not a login page.
    expect(Date.now() - started).toBeLessThan(8_000);
    await provisioner.dispose(() => Promise.resolve(true));
  });
});
