import { expect, refusedSideBySide, req, test, uniqueTag } from '../../fixtures/test';

test.describe('protocol hygiene and hostile input', () => {
  /** Hostile calls side by side: each on a victim of its own, one wait of the grace period for all (refusedSideBySide). */
  test(
    'hostile calls revoke nothing: GET, PUT and DELETE are not 2xx; missing or blank parameters, a 64 KiB value or a JSON body → no 5xx',
    req('RS-PROTO-1', 'RS-PROTO-2', 'RS-PROTO-3', 'RS-PROTO-4'),
    async ({ target, endpoint, profile, arrange, act, probe, verdict }) => {
      await refusedSideBySide({ endpoint, arrange, probe, verdict }, [
        {
          id: 'RS-PROTO-1',
          title: 'GET, PUT and DELETE are not 2xx',
          refuse: async ({ user }) => {
            for (const method of ['GET', 'PUT', 'DELETE']) {
              const response = await act.revoke({ method, key: 'uid', value: user.uid });
              expect(response.status, `${method} must not succeed`).toBeGreaterThanOrEqual(300);
              if (profile === 'janssen') expect(response.status, `${method}: Janssen declares POST only (405)`).toBe(405);
              verdict.evidence(`${method} → ${response.status}`);
            }
          },
        },
        {
          id: 'RS-PROTO-2',
          title: 'missing or blank parameters → no 5xx',
          refuse: async ({ user }) => {
            // A missing or blank value cannot be kept inside the harness's own prefix: a server that treats
            // it as "match anything" would revoke a real user. Those probes run only where that is safe.
            const scoped: { key?: string; value?: string }[] = [{ value: user.uid }, { key: '', value: user.uid }, { key: ' ', value: user.uid }];
            const unscoped: { key?: string; value?: string }[] = [{}, { key: 'uid' }, { key: 'uid', value: '' }, { key: ' ', value: ' ' }];
            const cases = target.config.unscopedProbes ? [...scoped, ...unscoped] : scoped;
            if (!target.config.unscopedProbes)
              verdict.evidence(
                'blank-value probes not sent: they could match users the harness did not create (JANS_UNSCOPED_PROBES=true on a dedicated test server)',
              );
            for (const params of cases) {
              const response = await act.revoke(params);
              expect(response.status, `params ${JSON.stringify(params)} must not fail the server`).toBeLessThan(500);
              if (profile === 'janssen') expect(response.status, 'Janssen answers 200').toBe(200);
            }
          },
        },
        {
          id: 'RS-PROTO-3',
          title: 'an oversized criterion value (64 KiB) → no 5xx',
          refuse: async ({ user }) => expect((await act.revoke({ key: 'uid', value: `${user.uid}${'a'.repeat(64 * 1024)}` })).status).toBeLessThan(500),
        },
        {
          id: 'RS-PROTO-4',
          title: 'a JSON body instead of a form → no 5xx',
          refuse: async ({ user }) => {
            const response = await act.revoke({
              rawBody: JSON.stringify({ user_criterion_key: 'uid', user_criterion_value: user.uid }),
              contentType: 'application/json',
            });
            expect(response.status).toBeLessThan(500);
          },
        },
      ]);
    },
  );

  test("the endpoint's 401 answers are JSON objects with a string error", req('RS-PROTO-5'), async ({ arrange, act, verdict }) => {
    await verdict.judge('RS-PROTO-5', test.info().title, async () => {
      const revoker = await arrange.client('revoker');
      const noScope = await arrange.client('no-scope');
      const value = `rsconf-nobody-${uniqueTag()}`;
      const errors = [
        await act.revoke({ auth: { kind: 'none' }, key: 'uid', value }),
        await act.revoke({ auth: { kind: 'basic', client: { ...revoker, clientSecret: 'wrong-secret' } }, key: 'uid', value }),
        await act.revoke({ auth: { kind: 'basic', client: noScope }, key: 'uid', value }),
      ];
      for (const response of errors) {
        expect(response.status).toBe(401);
        expect(response.headers['content-type'], `${response.status} must be served as JSON`).toMatch(/^application\/json/i);
        expect(typeof response.json?.error, `${response.status} body must be a JSON object with a string error: ${response.body.slice(0, 80)}`).toBe('string');
      }
      verdict.evidence(
        `401 answers (no credentials, wrong secret, no scope): ${errors.map((e) => e.json?.error).join(', ')}; the 403 of a disabled flag is checked in the flag phase`,
      );
    });
  });
});
