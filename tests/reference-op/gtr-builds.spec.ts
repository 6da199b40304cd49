import { byUid, expectAlive, gtr, gtrClient, gtrWorld } from './gtr-support';
import {
  basic,
  createClient,
  discovery,
  expect,
  expectEmpty,
  expectInvalidClient,
  flagsWithout,
  form,
  GTR_SCOPE_DN,
  JANS,
  opFetch,
  patchConfig,
  patchFlags,
  revoke,
  startOp,
  test,
  tokenFor,
  userinfo,
} from './support';

/** Janssen's Global Token Revocation: its feature flag, its discovery claim, and the builds with and without it. */

const CLAIM = 'global_token_revocation_endpoint';

test.describe('GTR flag, claim and builds', () => {
  test('a short featureFlags list switches off userinfo, introspection and end_session too (403), as on Janssen', async ({ op }) => {
    const w = await gtrWorld(op);
    await patchFlags(op, w.token, ['status_session', 'revoke_session']);
    const ui = await userinfo(op, w.logins[0].accessToken);
    expect(ui.status).toBe(403);
    expect(await ui.json()).toEqual({ error: 'access_denied', error_description: 'access_denied' });
    const intro = await opFetch(op)(`${op.issuer}${JANS}/introspection`, {
      method: 'POST',
      headers: { authorization: basic(w.clients[0].inum, w.clients[0].clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ token: w.logins[0].accessToken }),
    });
    expect(intro.status).toBe(403);
    expect((await opFetch(op)(`${op.issuer}${JANS}/end_session`)).status).toBe(403);
    await patchFlags(op, w.token, flagsWithout('global_token_revocation'));
    await expectAlive(op, w);
  });

  test('claim = end_session_endpoint with /end_session replaced; in scopes_supported; follows the flag through reload and the discovery cache', async ({
    op,
  }) => {
    const token = await tokenFor(op);
    let doc = await discovery(op);
    expect(doc[CLAIM]).toBe(String(doc.end_session_endpoint).replace('/end_session', '/global-token-revocation'));
    expect(doc[CLAIM]).toBe(`${op.issuer}/jans-auth/restv1/global-token-revocation`);
    await patchFlags(op, token, ['revoke_session', 'status_session']);
    expect(CLAIM in (await discovery(op))).toBe(true);
    await patchConfig(op, token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 1 }]);
    doc = await discovery(op);
    expect(CLAIM in doc).toBe(false);
    expect(doc.session_revocation_endpoint).toBeDefined();
    await patchFlags(op, token, ['GLOBAL_TOKEN_REVOCATION']);
    await patchConfig(op, token, [{ op: 'replace', path: '/discoveryCacheLifetimeInMinutes', value: 60 }]);
    doc = await discovery(op);
    expect(doc[CLAIM]).toBeDefined();
    expect(doc.session_revocation_endpoint).toBeUndefined();
  });

  test('newest build (GTR only): GTR serves; revoke_session is 401 without and 404 with credentials, its flag is unknown, no claim', async () => {
    const op = await startOp({ endpoints: ['global_token_revocation'], featureFlags: ['revoke_session'] });
    try {
      const token = await tokenFor(op);
      const client = await gtrClient(op, token);
      const auth = basic(client.inum, client.clientSecret);
      await expectInvalidClient(await revoke(op, { params: { user_criterion_key: 'uid', user_criterion_value: 'x' } }));
      for (const method of ['POST', 'GET', 'DELETE']) await expectEmpty(await revoke(op, { method, auth, params: {} }), 404);
      const doc = await discovery(op);
      expect('session_revocation_endpoint' in doc).toBe(false);
      // ['revoke_session'] holds no flag this build knows: an empty set, everything enabled (docs/behaviour/server.md#feature-flags).
      expect(doc[CLAIM]).toBeDefined();
      expect((await gtr(op, { auth, body: byUid('nobody') })).status).toBe(204);
      expect(op.endpoints).toEqual(['global_token_revocation']);
      expect((await discovery(op)).scopes_supported).toContain('global_token_revocation');
    } finally {
      await op.close();
    }
  });

  test('build before GTR: 404 at its path whatever the credentials, no claim, no 7D92 scope, its flag unknown', async () => {
    const op = await startOp({ endpoints: ['revoke_session'], featureFlags: ['global_token_revocation'] });
    try {
      const token = await tokenFor(op);
      const client = await createClient(op, token);
      await expectEmpty(await gtr(op, { body: byUid('x') }), 404);
      await expectEmpty(await gtr(op, { auth: basic(client.inum, client.clientSecret), body: byUid('x') }), 404);
      const doc = await discovery(op);
      expect(CLAIM in doc).toBe(false);
      expect(doc.session_revocation_endpoint).toBeDefined();
      expect(doc.scopes_supported).not.toContain('global_token_revocation');
      const refused = await opFetch(op)(`${op.issuer}/jans-config-api/api/v1/openid/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ redirectUris: [], grantTypes: ['client_credentials'], scopes: [GTR_SCOPE_DN] }),
      });
      expect(refused.status).toBe(400);
    } finally {
      await op.close();
    }
  });

  test('an empty build has no GTR either: 404 without credentials', async () => {
    const op = await startOp({ endpoints: [] });
    try {
      expect((await gtr(op, { body: byUid('x') })).status).toBe(404);
      expect(CLAIM in (await discovery(op))).toBe(false);
    } finally {
      await op.close();
    }
  });
});
