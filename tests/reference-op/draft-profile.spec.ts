import { decodeJwt } from 'jose';
import { byEmail, DRAFT, draftWorld, GTR_PATH, refusedWith, signingKey, universalLogoutJwt } from './draft-support';
import { gtr, gtrClient, liveLogin, loginClient } from './gtr-support';
import { sessionState } from './login-support';
import { basic, createClient, createUser, discovery, expect, expectEmpty, opFetch, revoke, startOp, test, tokenFor, viewAt } from './support';

/**
 * The draft profile beyond its checks: the body member, what stays Janssen's, its options, the
 * client keys it verifies JWTs with, and a cluster speaking the draft.
 */

test('draft: the body member is sub_id; with subjectMember "subject" it is subject (and sub_id is 400)', async () => {
  for (const [member, other] of [
    ['sub_id', 'subject'],
    ['subject', 'sub_id'],
  ] as const) {
    const op = await startOp({ ...DRAFT, subjectMember: member });
    try {
      const w = await draftWorld(op);
      const id = { format: 'email', email: w.victim.user.mail };
      await refusedWith(op, w, { auth: w.revoker.auth, body: { [other]: id } }, 400);
      await expectEmpty(await gtr(op, { auth: w.revoker.auth, body: { [member]: id } }), 204);
      expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');
    } finally {
      await op.close();
    }
  }
});

test('draft: the rest stays Janssen: Config API, login, discovery with the GTR claim; no revoke_session unless asked', async () => {
  const op = await startOp(DRAFT);
  try {
    expect(op.gtrProfile).toBe('draft');
    expect(op.endpoints).toEqual(['global_token_revocation']);
    const doc = await discovery(op);
    expect(doc.global_token_revocation_endpoint).toBe(`${op.issuer}${GTR_PATH}`);
    expect('session_revocation_endpoint' in doc).toBe(false);
    const token = await tokenFor(op);
    // As the newest Janssen build without it: with valid credentials the path is 404.
    const gtrOne = await gtrClient(op, token);
    const res = await revoke(op, { auth: basic(gtrOne.inum, gtrOne.clientSecret), params: { user_criterion_key: 'uid', user_criterion_value: 'x' } });
    expect(res.status).toBe(404);
  } finally {
    await op.close();
  }
  const both = await startOp({ ...DRAFT, endpoints: ['revoke_session', 'global_token_revocation'] });
  try {
    expect('session_revocation_endpoint' in (await discovery(both))).toBe(true);
  } finally {
    await both.close();
  }
});

test('draft: options are validated; a draft fault needs the draft profile', async () => {
  await expect(startOp({ gtrProfile: 'okta' as 'draft' })).rejects.toThrow(/gtrProfile/);
  await expect(startOp({ ...DRAFT, subjectMember: 'subj' as 'subject' })).rejects.toThrow(/subjectMember/);
  await expect(startOp({ ...DRAFT, endpoints: ['revoke_session'] })).rejects.toThrow(/needs the global_token_revocation endpoint/);
  await expect(startOp({ faults: ['draft-keeps-sessions'] })).rejects.toThrow(/draft-keeps-sessions.*draft profile/);
});

test('Config API: jwks (Janssen spells it so, a JWK Set string) is kept on the client; an object is stored as its string; a bad or private one is 400', async () => {
  const op = await startOp(DRAFT);
  try {
    const token = await tokenFor(op);
    const key = await signingKey();
    const jwks = { keys: [key.publicJwk] };
    for (const given of [jwks, JSON.stringify(jwks)]) {
      const client = (await createClient(op, token, { jwks: given })) as unknown as { inum: string; jwks: unknown };
      expect(client.jwks).toBe(JSON.stringify(jwks));
      const read = (await (
        await opFetch(op)(`${op.issuer}/jans-config-api/api/v1/openid/clients/${client.inum}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { jwks: unknown };
      expect(read.jwks).toBe(JSON.stringify(jwks));
    }
    const post = (body: unknown) =>
      opFetch(op)(`${op.issuer}/jans-config-api/api/v1/openid/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ redirectUris: [], grantTypes: ['client_credentials'], ...(body as object) }),
      });
    for (const bad of ['{', { keys: [] }, { keys: [{ x: 1 }] }, { keys: [{ ...key.publicJwk, d: 'private' }] }]) {
      expect((await post({ jwks: bad })).status, JSON.stringify(bad)).toBe(400);
    }
    expect(((await (await post({})).json()) as Record<string, unknown>).jwks).toBeUndefined();
  } finally {
    await op.close();
  }
});

test('draft: a login and its tokens work as on Janssen before any revocation', async () => {
  const op = await startOp(DRAFT);
  try {
    const token = await tokenFor(op);
    const user = await createUser(op, token);
    const client = await loginClient(op, token);
    const live = await liveLogin(op, client, user);
    expect(live.refreshToken).toBeTruthy();
    expect(await sessionState(op, live.jar)).toBe('authenticated');
  } finally {
    await op.close();
  }
});

test('draft: with GLOBAL_TOKEN_REVOCATION off (Janssen side of the OP) the endpoint is 403, empty, and revokes nothing', async () => {
  const op = await startOp({ ...DRAFT, featureFlags: ['status_session', 'userinfo'] });
  try {
    const w = await draftWorld(op);
    await refusedWith(op, w, { auth: w.revoker.auth, body: byEmail(w.victim.user.mail) }, 403);
  } finally {
    await op.close();
  }
});

test('draft on a cluster: a JWT whose aud is the endpoint at the node it is sent to authenticates there', async () => {
  const op = await startOp({ ...DRAFT, nodes: 2 });
  try {
    const w = await draftWorld(op);
    const node = viewAt(op, op.nodeUrls[1] ?? '');
    const jwt = await universalLogoutJwt(node, w.revoker);
    expect(decodeJwt(jwt).aud).toBe(`${op.nodeUrls[1]}${GTR_PATH}`);
    await expectEmpty(await gtr(node, { auth: `Bearer ${jwt}`, body: byEmail(w.victim.user.mail) }), 204);
    expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');
    // Every node accepts the endpoint URL of every node of the cluster (they share one configuration).
    const elsewhere = await universalLogoutJwt(viewAt(op, op.nodeUrls[0] ?? ''), w.revoker);
    await expectEmpty(await gtr(node, { auth: `Bearer ${elsewhere}`, body: byEmail(w.bystander.user.mail) }), 204);
  } finally {
    await op.close();
  }
});
