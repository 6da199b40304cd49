import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { test, expect } from '@playwright/test';
import type { HttpLimits } from '../../fixtures/access/bounded-transport';
import { HttpClient } from '../../fixtures/access/http';
import { OriginPolicy, UntrustedOrigin } from '../../fixtures/access/origin-policy';
import { ConfigError, loadConfig } from '../../fixtures/config';
import { TargetError } from '../../fixtures/errors';
import { PreflightStop, trustDiscovery } from '../../fixtures/run/preflight';
import { startSink, type Sink } from './sink';

/**
 * The origin policy and the bounds of the harness's HTTP client, on their own (hostile-transport
 * .spec.ts runs the whole harness against a hostile OP): what may go where, and what an answer may
 * cost. Fast, so each rule is pinned by name.
 */
test.describe.configure({ mode: 'parallel' });

const TLS = { caFile: undefined, insecure: false };

test('the policy trusts the issuer origin and the listed ones, exactly', () => {
  const policy = new OriginPolicy('https://jans.example.com', ['https://auth.example.com', 'http://127.0.0.2:8080']);
  expect(policy.trusts('https://jans.example.com/jans-auth/restv1/token')).toBe(true);
  expect(policy.trusts('https://jans.example.com:443/x')).toBe(true);
  expect(policy.trusts('https://auth.example.com/token')).toBe(true);
  expect(policy.trusts('http://127.0.0.2:8080/')).toBe(true);
  // Never a downgrade, another port, another host, or a host that merely starts like the issuer's.
  expect(policy.trusts('http://jans.example.com/jans-auth/restv1/token')).toBe(false);
  expect(policy.trusts('https://jans.example.com:8443/')).toBe(false);
  expect(policy.trusts('https://jans.example.com.evil.example/')).toBe(false);
  expect(policy.trusts('http://127.0.0.2:8081/')).toBe(false);
  expect(policy.trusts('not a url')).toBe(false);
  expect(policy.explain('http://jans.example.com')).toMatch(
    /^http:\/\/jans\.example\.com is plain http, and not an origin the harness trusts with credentials .* add it to JANS_TRUSTED_ORIGINS$/,
  );
});

test.describe('the HTTP client refuses before any socket what could carry a credential to an untrusted origin', () => {
  let sink: Sink;
  let client: HttpClient;
  test.beforeEach(async () => {
    sink = await startSink();
    client = new HttpClient(TLS, { policy: new OriginPolicy('https://127.0.0.1:1') });
  });
  test.afterEach(async () => {
    await sink.close();
  });

  for (const [what, request] of [
    ['a POST with a client secret in the body', { method: 'POST', path: '/token', body: 'grant_type=client_credentials&client_secret=s3cret' }],
    ['a POST with no body at all', { method: 'POST', path: '/revoke_session' }],
    ['a GET with Basic credentials', { method: 'GET', path: '/userinfo', headers: { authorization: 'Basic Zm9vOmJhcg==' } }],
    ['a GET with a session cookie', { method: 'GET', path: '/session_status', headers: { cookie: 'session_id=abc' } }],
    ['a GET with a token in the query', { method: 'GET', path: '/userinfo?access_token=abc' }],
    ['a GET with client_secret in the query', { method: 'GET', path: '/revoke?client_id=a&client_secret=b' }],
    ['a GET with a body', { method: 'GET', path: '/x', body: 'password=p' }],
  ] as const) {
    test(what, async () => {
      const url = `${sink.url}${request.path}`;
      const attempt = client.request({
        method: request.method,
        url,
        ...('headers' in request ? { headers: request.headers } : {}),
        ...('body' in request ? { body: request.body } : {}),
      });
      await expect(attempt).rejects.toBeInstanceOf(UntrustedOrigin);
      await expect(attempt).rejects.toThrow(new RegExp(`^The harness refused to send .* to ${sink.origin.replace(/\./g, '\\.')}/`));
      // Reported as a TargetError, so a check that meets it ends ERROR, not FAIL.
      await expect(attempt).rejects.toHaveProperty('stack', expect.stringMatching(/^TargetError: /));
      expect(sink.records).toEqual([]);
    });
  }

  test("openid-client's requests (customFetch) obey the same rule", async () => {
    const attempt = client.fetch(`${sink.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c', client_secret: 's' }),
    });
    await expect(attempt).rejects.toBeInstanceOf(UntrustedOrigin);
    expect(sink.records).toEqual([]);
  });

  test('a plain GET (a JWKS, an OpenAPI document) may go anywhere', async () => {
    const response = await client.request({ method: 'GET', url: `${sink.url}/jwks`, headers: { accept: 'application/json' } });
    expect(response.status).toBe(401);
    expect(sink.records.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /jwks']);
  });

  test('an origin the operator listed in JANS_TRUSTED_ORIGINS receives what the issuer would', async () => {
    const trusting = new HttpClient(TLS, { policy: new OriginPolicy('https://127.0.0.1:1', [sink.origin]) });
    const response = await trusting.request({ method: 'POST', url: `${sink.url}/token`, body: 'client_secret=s' });
    expect(response.status).toBe(401);
    expect(sink.records).toHaveLength(1);
  });
});

test.describe('JANS_TRUSTED_ORIGINS', () => {
  const base = { JANS_ISSUER: 'https://jans.example.com', JANS_ADMIN_CLIENT_ID: 'a', JANS_ADMIN_CLIENT_SECRET: 'b' };

  test('is a comma list of origins, normalised', () => {
    expect(loadConfig(base).trustedOrigins).toEqual([]);
    expect(
      loadConfig({ ...base, JANS_TRUSTED_ORIGINS: 'https://Auth.Example.com:443, http://127.0.0.2:8080/ ,https://auth.example.com' }).trustedOrigins,
    ).toEqual(['https://auth.example.com', 'http://127.0.0.2:8080']);
  });

  for (const [value, sentence] of [
    ['http://auth.example.com', /plain http on a non-loopback host, which would send credentials in clear: use https/],
    ['https://auth.example.com/jans-auth', /give the origin alone \(https:\/\/auth\.example\.com\)/],
    ['https://user:pw@auth.example.com', /without path, query or credentials/],
    ['ftp://auth.example.com', /is not an origin/],
    ['auth.example.com', /is not an origin/],
  ] as const) {
    test(`rejects ${value} in one sentence`, () => {
      expect(() => loadConfig({ ...base, JANS_TRUSTED_ORIGINS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, JANS_TRUSTED_ORIGINS: value })).toThrow(sentence);
    });
  }
});

test.describe('the preflight reads discovery before anything is sent', () => {
  const policy = new OriginPolicy('https://jans.example.com');
  const base = 'https://jans.example.com/jans-auth/restv1';
  const healthy = {
    issuer: 'https://jans.example.com',
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/userinfo`,
    introspection_endpoint: `${base}/introspection`,
    end_session_endpoint: `${base}/end_session`,
    jwks_uri: 'https://keys.example.net/jwks',
    session_revocation_endpoint: 'http://127.0.0.2:9/revoke_session',
  };

  test('a healthy document passes (a foreign jwks_uri gets only plain GETs; revocation claims are judged by the checks)', () => {
    expect(() => trustDiscovery(healthy, policy)).not.toThrow();
  });

  for (const member of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'introspection_endpoint', 'end_session_endpoint'] as const) {
    test(`${member} on another origin stops the run INCOMPLETE, naming it, its origin and the variable`, () => {
      const document = { ...healthy, [member]: `http://proxy.internal:8080/jans-auth/restv1/${member}` };
      let stop: unknown;
      try {
        trustDiscovery(document, policy);
      } catch (error) {
        stop = error;
      }
      expect(stop).toBeInstanceOf(PreflightStop);
      expect((stop as PreflightStop).kind).toBe('incomplete');
      expect((stop as PreflightStop).message).toMatch(
        new RegExp(`^Discovery names ${member} at http://proxy\\.internal:8080: .*JANS_TRUSTED_ORIGINS; nothing was sent there\\.$`),
      );
    });
  }

  test('the issuer host over plain http is a downgrade, not the same origin', () => {
    expect(() => trustDiscovery({ ...healthy, token_endpoint: 'http://jans.example.com/jans-auth/restv1/token' }, policy)).toThrow(
      /^Discovery names token_endpoint at http:\/\/jans\.example\.com: http:\/\/jans\.example\.com is plain http/,
    );
  });
});

test.describe('answers are bounded', () => {
  const servers: Server[] = [];
  test.afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  async function serve(handler: Parameters<typeof createHttpServer>[1], limits: Partial<HttpLimits>): Promise<{ client: HttpClient; url: string }> {
    const server = createHttpServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { client: new HttpClient(TLS, { policy: new OriginPolicy(url), limits }), url };
  }

  test('a body streamed without end fails at the cap, naming the URL and the cap', async () => {
    let written = 0;
    const { client, url } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(16 * 1024, 'a');
        const pump = () => {
          while (!res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) break;
          }
        };
        res.on('drain', pump);
        pump();
      },
      { bodyBytes: 1024 * 1024 },
    );
    const attempt = client.request({ method: 'GET', url: `${url}/.well-known/openid-configuration` });
    await expect(attempt).rejects.toBeInstanceOf(TargetError);
    await expect(attempt).rejects.toThrow(`${url}/.well-known/openid-configuration answered with a body over 1 MiB`);
    // The client stopped reading near the cap (socket buffers aside), not after gigabytes.
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  test('a declared length over the cap fails before the body is read', async () => {
    const { client, url } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-length': String(8 * 1024 * 1024) });
        res.write('{');
      },
      { bodyBytes: 1024 * 1024 },
    );
    await expect(client.request({ method: 'GET', url: `${url}/jwks` })).rejects.toThrow(`${url}/jwks answered with a body over 1 MiB`);
  });

  test('an answer that drips a byte at a time fails at the deadline, although it is never idle', async () => {
    const { client, url } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(timer));
      },
      { deadlineMs: 1_000, idleMs: 5_000 },
    );
    await expect(client.request({ method: 'POST', url: `${url}/jans-auth/restv1/token`, body: 'grant_type=client_credentials' })).rejects.toThrow(
      `${url}/jans-auth/restv1/token did not finish its answer within 1 s`,
    );
  });

  test('the certificate-pinning connection gives up on a server that never completes the handshake', async () => {
    const accepted: Socket[] = [];
    const silent = createTcpServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const origin = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const client = new HttpClient(TLS, { policy: new OriginPolicy(origin), limits: { connectMs: 500 } });
      await expect(client.serverSpki(origin)).rejects.toThrow(`${origin} did not complete a TLS handshake within 0.5 s`);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
