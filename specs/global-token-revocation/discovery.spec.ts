import { expect, fetchDiscovery, isLoopbackHost, req, test, unknownUser, validateAgainst } from '../../fixtures/test';

test.describe('discovery', () => {
  test('global_token_revocation_endpoint is an absolute https URL without fragment', req('GTR-DISC-1'), async ({ target }) => {
    const { document } = await fetchDiscovery(target.http, target.issuer);
    const claim = document?.global_token_revocation_endpoint;
    expect(typeof claim, 'global_token_revocation_endpoint must be advertised while GLOBAL_TOKEN_REVOCATION is enabled').toBe('string');
    expect(URL.canParse(claim as string), `an absolute URL: ${String(claim)}`).toBe(true);
    const url = new URL(claim as string);
    expect(claim as string).not.toContain('#');
    if (url.protocol !== 'https:') expect(isLoopbackHost(url.hostname), 'plain http is tolerated only on loopback hosts').toBe(true);
    expect(validateAgainst('HttpsUrl', claim)).toEqual([]);
  });

  test('the advertised URL serves the endpoint: a JSON POST without credentials → 401', req('GTR-DISC-2'), async ({ target, act }) => {
    const { document } = await fetchDiscovery(target.http, target.issuer);
    const claim = document?.global_token_revocation_endpoint;
    expect(typeof claim, 'global_token_revocation_endpoint must be advertised').toBe('string');
    expect(URL.canParse(claim as string), `the advertised value must be a URL a client can call: ${String(claim)}`).toBe(true);
    const response = await act.revoke({ url: claim as string, auth: { kind: 'none' }, user: unknownUser('rsconf-nobody') });
    expect(response.status, 'not 404/405/5xx: the advertised URL must be the endpoint').toBe(401);
  });

  test('the URL follows end_session_endpoint and the scope is advertised (janssen)', req('GTR-DISC-3'), async ({ target, profile, verdict }) => {
    await verdict.judge('GTR-DISC-3', test.info().title, async () => {
      const { document } = await fetchDiscovery(target.http, target.issuer);
      const claim = document?.global_token_revocation_endpoint;
      test.skip(typeof claim !== 'string', 'no global_token_revocation_endpoint advertised (see GTR-DISC-1)');
      const methods = document?.global_token_revocation_endpoint_auth_methods_supported;
      verdict.evidence(
        `global_token_revocation_endpoint_auth_methods_supported: ${methods === undefined ? 'absent (as in Janssen)' : JSON.stringify(methods)}`,
      );
      if (profile !== 'janssen') {
        // The draft (§5) defines the member and nothing about the URL or the scope's name (docs/behaviour/draft.md#what-the-draft-asks).
        if (methods !== undefined)
          expect(Array.isArray(methods) && methods.every((m) => typeof m === 'string'), 'auth_methods_supported must be an array of strings (draft §5)').toBe(
            true,
          );
        return;
      }
      const end = document?.end_session_endpoint;
      if (typeof end === 'string')
        expect(claim, 'Janssen derives it from end_session_endpoint').toBe(end.replace(/\/end_session$/, '/global-token-revocation'));
      expect(new URL(claim as string).origin, 'same origin as the issuer').toBe(new URL(target.issuer).origin);
      const scopes = document?.scopes_supported;
      if (Array.isArray(scopes))
        expect(scopes, 'scopes_supported lists the scope (Janssen: 7D92, shown in the configuration endpoint)').toContain('global_token_revocation');
    });
  });
});
