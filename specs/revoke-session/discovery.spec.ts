import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import { expect, fetchDiscovery, isLoopbackHost, req, test, validateAgainst, validateVendor, type OpenApiDocument } from '../../fixtures/test';

test.describe('discovery', () => {
  test('the discovery document names the configured issuer and validates against the OpenAPI description', req('RS-DISC-1'), async ({ target }) => {
    const fetched = await fetchDiscovery(target.http, target.issuer);
    expect(fetched.response.status).toBe(200);
    expect(fetched.response.headers['content-type']).toMatch(/^application\/json/);
    expect(fetched.document?.issuer, 'OpenID Connect Discovery §4.3: issuer must equal the configured issuer exactly').toBe(target.issuer);
    expect(validateAgainst('DiscoveryDocument', fetched.document)).toEqual([]);
  });

  test('session_revocation_endpoint is an absolute https URL without fragment', req('RS-DISC-2'), async ({ target }) => {
    const { document } = await fetchDiscovery(target.http, target.issuer);
    const claim = document?.session_revocation_endpoint;
    expect(typeof claim, 'session_revocation_endpoint must be advertised while REVOKE_SESSION is enabled').toBe('string');
    expect(URL.canParse(claim as string), `an absolute URL: ${String(claim)}`).toBe(true);
    const url = new URL(claim as string);
    expect(url.hash).toBe('');
    expect(claim as string).not.toContain('#');
    if (url.protocol !== 'https:') expect(isLoopbackHost(url.hostname), 'plain http is tolerated only on loopback hosts').toBe(true);
    expect(url.protocol).toMatch(/^https?:$/);
    expect(validateAgainst('HttpsUrl', claim)).toEqual([]);
  });

  test('session_revocation_endpoint shares the origin of the other endpoints', req('RS-DISC-3'), async ({ target, verdict }) => {
    await verdict.judge('RS-DISC-3', test.info().title, async () => {
      const { document } = await fetchDiscovery(target.http, target.issuer);
      test.skip(typeof document?.session_revocation_endpoint !== 'string', 'no session_revocation_endpoint advertised (see RS-DISC-2)');
      const origin = new URL(document?.session_revocation_endpoint as string).origin;
      for (const name of ['end_session_endpoint', 'token_endpoint', 'authorization_endpoint'] as const) {
        const other = document?.[name];
        if (typeof other === 'string') expect(origin, `same origin as ${name}`).toBe(new URL(other).origin);
      }
    });
  });

  test('the advertised URL serves the endpoint: POST without credentials → 401', req('RS-DISC-4'), async ({ target, act }) => {
    const { document } = await fetchDiscovery(target.http, target.issuer);
    const claim = document?.session_revocation_endpoint;
    expect(typeof claim, 'session_revocation_endpoint must be advertised').toBe('string');
    expect(URL.canParse(claim as string), `the advertised value must be a URL a client can call: ${String(claim)}`).toBe(true);
    const response = await act.revoke({ url: claim as string, auth: { kind: 'none' } });
    expect(response.status, 'not 404/405/5xx: the advertised URL must be the endpoint').toBe(401);
  });

  test("the vendor's OpenAPI document describes POST /revoke_session", req('RS-DISC-5'), async ({ target, verdict }) => {
    await verdict.judge('RS-DISC-5', test.info().title, async () => {
      const source = target.config.vendorOpenApi;
      test.skip(!source, 'no vendor OpenAPI document supplied (set JANS_OPENAPI to its path or URL)');
      const text = /^https?:\/\//.test(source as string)
        ? (await target.http.request({ method: 'GET', url: source as string })).body
        : await readFile(source as string, 'utf8');
      let vendor: OpenApiDocument | undefined;
      let parseError: string | undefined;
      try {
        vendor = load(text) as OpenApiDocument;
      } catch (error) {
        parseError = (error as Error).message.split('\n')[0];
      }
      expect(parseError, `${source} is not valid YAML/JSON, so it cannot describe the endpoint`).toBeUndefined();
      if (!vendor) return;
      const path = Object.keys(vendor.paths ?? {}).find((p) => p.endsWith('/revoke_session'));
      expect(path, `${source} does not describe /revoke_session (Janssen's newest swagger dropped it after deprecating the endpoint)`).toBeDefined();
      const operation = vendor.paths?.[path as string]?.post as
        { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } } | undefined;
      expect(operation, `${path} has no POST operation`).toBeDefined();
      const form = operation?.requestBody?.content?.['application/x-www-form-urlencoded']?.schema?.properties ?? {};
      expect(Object.keys(form)).toEqual(expect.arrayContaining(['user_criterion_key', 'user_criterion_value']));
      const discoveryOp = vendor.paths?.['/.well-known/openid-configuration'];
      const op = (discoveryOp?.get ?? discoveryOp?.post) as { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> } | undefined;
      if (op?.responses?.['200']?.content?.['application/json']?.schema) {
        const method = discoveryOp?.get ? 'get' : 'post';
        const { document } = await fetchDiscovery(target.http, target.issuer);
        expect(validateVendor(vendor, `/paths/~1.well-known~1openid-configuration/${method}/responses/200/content/application~1json/schema`, document)).toEqual(
          [],
        );
      }
    });
  });

  test('scopes_supported lists revoke_session', req('RS-DISC-6'), async ({ target, verdict }) => {
    await verdict.judge('RS-DISC-6', test.info().title, async () => {
      const { document } = await fetchDiscovery(target.http, target.issuer);
      const scopes = document?.scopes_supported;
      test.skip(scopes === undefined, 'scopes_supported is not advertised (optional in OpenID Connect Discovery)');
      expect(scopes).toEqual(expect.arrayContaining(['revoke_session']));
    });
  });
});
