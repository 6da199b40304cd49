import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { DRAFT_FAULT_NAMES, type DraftFaultName } from '../../fixtures/reference-op/faults';
import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import {
  accessTokenOf,
  assertionQuery,
  byEmail,
  byIssSub,
  byOpaque,
  clientAssertion,
  DRAFT,
  type DraftVictim,
  type DraftWorld,
  draftWorld,
  GTR_PATH,
  revoker,
  signingKey,
  universalLogoutJwt,
  victim,
} from './draft-support';
import { gtr, gtrClient, type GtrInput, liveLogin, loginClient } from './gtr-support';
import { promptNone, sessionState } from './login-support';
import {
  basic,
  createClient,
  createUser,
  discovery,
  expect,
  form,
  JANS,
  opFetch,
  redeem,
  refresh,
  revoke,
  startOp,
  test,
  tokenFor,
  userinfo,
  viewAt,
} from './support';

/**
 * The draft profile (fixtures/reference-op/draft-gtr.ts): the Global Token Revocation endpoint of a
 * vendor following draft-parecki-oauth-global-token-revocation-06, judged at the HTTP level. Each
 * check below runs against a conformant draft OP, and each draft fault is shown to make the check
 * of what it breaks fail (the last block).
 */

type Check = (op: RunningReferenceOp) => Promise<void>;

async function expectEmpty(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(await res.text()).toBe('');
}

async function expectUnauthenticated(res: Response): Promise<void> {
  await expectEmpty(res, 401);
  expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
}

/** Everything the victim holds still works (session_status only: refreshing would rotate, redeeming consume). */
async function expectUntouched(op: RunningReferenceOp, v: DraftVictim): Promise<void> {
  expect(await sessionState(op, v.login.jar)).toBe('authenticated');
  expect((await userinfo(op, v.login.accessToken)).status).toBe(200);
}

/** The call must not have revoked anything. */
async function refusedWith(op: RunningReferenceOp, w: DraftWorld, input: GtrInput, status: number): Promise<void> {
  const res = await gtr(op, input);
  if (status === 401) await expectUnauthenticated(res);
  else await expectEmpty(res, status);
  await expectUntouched(op, w.victim);
}

const revokeByEmail = async (op: RunningReferenceOp, w: DraftWorld, auth = w.revoker.auth) =>
  expectEmpty(await gtr(op, { auth, body: byEmail(w.victim.user.mail) }), 204);

const CHECKS = {
  'refresh tokens of the user are revoked (MUST), a bystander keeps hers': async (op) => {
    const w = await draftWorld(op);
    const refreshed = await refresh(op, w.victim.client, w.victim.login.refreshToken ?? '');
    expect(refreshed.status).toBe(200);
    const rotated = ((await refreshed.json()) as { refresh_token: string }).refresh_token;
    await revokeByEmail(op, w);
    const after = await refresh(op, w.victim.client, rotated);
    expect(after.status).toBe(400);
    expect(((await after.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await refresh(op, w.bystander.client, w.bystander.login.refreshToken ?? '')).status).toBe(200);
  },
  'access tokens of the user are invalidated (SHOULD), a bystander keeps hers': async (op) => {
    const w = await draftWorld(op);
    expect((await userinfo(op, w.victim.login.accessToken)).status).toBe(200);
    await revokeByEmail(op, w);
    expect((await userinfo(op, w.victim.login.accessToken)).status).toBe(401);
    expect((await userinfo(op, w.bystander.login.accessToken)).status).toBe(200);
  },
  'the user must log in again before new tokens (MUST): sessions are gone, a bystander keeps hers': async (op) => {
    const w = await draftWorld(op);
    expect(await promptNone(op, w.victim.client, w.victim.login.jar)).toBe('code');
    await revokeByEmail(op, w);
    expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');
    expect(await promptNone(op, w.victim.client, w.victim.login.jar)).toBe('login_required');
    expect(await promptNone(op, w.bystander.client, w.bystander.login.jar)).toBe('code');
  },
  'a code issued before the revocation can no longer be exchanged (MUST re-authenticate); a bystander redeems hers': async (op) => {
    const w = await draftWorld(op);
    await revokeByEmail(op, w);
    const res = await redeem(op, w.victim.client, w.victim.code);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await redeem(op, w.bystander.client, w.bystander.code)).status).toBe(200);
  },
  'iss_sub (this issuer, the id_token sub) and opaque (the sub) name the user': async (op) => {
    const token = await tokenFor(op);
    const r = await revoker(op, token);
    const [a, b] = [await victim(op, token), await victim(op, token)];
    const redeemed = (await (await redeem(op, a.client, a.code)).json()) as { id_token: string };
    const sub = decodeJwt(redeemed.id_token).sub ?? '';
    expect(sub).toBe(a.user.inum);
    await expectEmpty(await gtr(op, { auth: r.auth, body: byIssSub(op.issuer, sub) }), 204);
    expect(await sessionState(op, a.login.jar)).toBe('unknown');
    await expectUntouched(op, b);
    await expectEmpty(await gtr(op, { auth: r.auth, body: byOpaque(b.user.inum) }), 204);
    expect(await sessionState(op, b.login.jar)).toBe('unknown');
  },
  'an unknown user is 404, empty, in every format; an iss_sub of another issuer names nobody here': async (op) => {
    const w = await draftWorld(op);
    for (const body of [
      byEmail('nobody@example.test'),
      byOpaque('no-such-sub'),
      byIssSub(op.issuer, 'no-such-sub'),
      byIssSub('https://other.example', w.victim.user.inum),
    ]) {
      await refusedWith(op, w, { auth: w.revoker.auth, body }, 404);
    }
  },
  'an unsupported subject identifier format is 400, empty, and revokes nothing': async (op) => {
    const w = await draftWorld(op);
    const { mail, userId, inum } = w.victim.user;
    for (const sub_id of [
      { format: 'phone_number', phone_number: '+12065550100' },
      { format: 'account', uri: `acct:${mail}` },
      { format: 'uid', id: userId },
      { format: 'mail', id: mail },
      { format: 'aliases', identifiers: [{ format: 'opaque', id: inum }] },
    ]) {
      await refusedWith(op, w, { auth: w.revoker.auth, body: { sub_id } }, 400);
    }
  },
  'a malformed request or identifier is 400, empty, and revokes nothing': async (op) => {
    const w = await draftWorld(op);
    const auth = w.revoker.auth;
    const { mail, inum } = w.victim.user;
    const bodies: unknown[] = [
      'not json',
      '{"sub_id":',
      '[]',
      'null',
      {},
      { sub_id: null },
      { sub_id: 'alice' },
      { sub_id: {} },
      { sub_id: { format: 7, email: mail } },
      { sub_id: { format: 'email' } },
      { sub_id: { format: 'email', email: 'not-an-address' } },
      { sub_id: { format: 'iss_sub', iss: op.issuer } },
      { sub_id: { format: 'opaque', id: '' } },
      { subject: { format: 'opaque', id: inum } },
    ];
    for (const body of bodies) await refusedWith(op, w, { auth, body }, 400);
    await refusedWith(op, w, { auth, body: JSON.stringify(byEmail(mail)), contentType: 'text/plain' }, 400);
    await refusedWith(op, w, { auth, body: form({ sub_id: mail }), contentType: 'application/x-www-form-urlencoded' }, 400);
  },
  'invalid or missing authentication is 401, empty, with a challenge': async (op) => {
    const w = await draftWorld(op);
    const body = byEmail(w.victim.user.mail);
    const { client } = w.revoker;
    await refusedWith(op, w, { body }, 401);
    await refusedWith(op, w, { auth: basic(client.inum, 'wrong-secret'), body }, 401);
    await refusedWith(op, w, { auth: basic('no-such-client', 'x'), body }, 401);
    await refusedWith(op, w, { auth: 'Bearer no-such-token', body }, 401);
    await refusedWith(op, w, { auth: 'Digest whatever', body }, 401);
    // Two methods at once (RFC 6749 §2.3).
    await refusedWith(op, w, { auth: w.revoker.auth, body, query: assertionQuery(await clientAssertion(op, w.revoker)) }, 401);
  },
  'a credential without the global_token_revocation scope is 403, empty, and revokes nothing': async (op) => {
    const w = await draftWorld(op);
    const body = byEmail(w.victim.user.mail);
    const noScope = await gtrClient(op, w.token, { scopes: ['openid'] });
    await refusedWith(op, w, { auth: basic(noScope.inum, noScope.clientSecret), body }, 403);
    // A token of a client registered with the scope, asked without it: the token's scope decides.
    await refusedWith(op, w, { auth: `Bearer ${await accessTokenOf(op, w.revoker.client, '')}`, body }, 403);
    // A user's access token.
    await refusedWith(op, w, { auth: `Bearer ${w.bystander.login.accessToken}`, body }, 403);
  },
  'Basic with the client secret authenticates': async (op) => {
    const w = await draftWorld(op);
    await revokeByEmail(op, w, w.revoker.auth);
    expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');
  },
  'a Bearer access token whose scope includes global_token_revocation authenticates': async (op) => {
    const w = await draftWorld(op);
    const token = await accessTokenOf(op, w.revoker.client, 'global_token_revocation');
    await revokeByEmail(op, w, `Bearer ${token}`);
    expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');
    // The caller's own token is not the user's: it keeps working.
    await expectEmpty(await gtr(op, { auth: `Bearer ${token}`, body: byEmail(w.bystander.user.mail) }), 204);
  },
  'private_key_jwt in the query string authenticates, with aud the endpoint URL or the issuer': async (op) => {
    const w = await draftWorld(op);
    const query = assertionQuery(await clientAssertion(op, w.revoker));
    await expectEmpty(await gtr(op, { body: byEmail(w.victim.user.mail), query: { ...query, client_id: w.revoker.client.inum } }), 204);
    expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');
    const atIssuer = assertionQuery(await clientAssertion(op, w.revoker, { aud: [op.issuer] }));
    await expectEmpty(await gtr(op, { body: byEmail(w.bystander.user.mail), query: atIssuer }), 204);
    expect(await sessionState(op, w.bystander.login.jar)).toBe('unknown');
  },
  'private_key_jwt with an aud that is not this endpoint is 401': async (op) => {
    const w = await draftWorld(op);
    const body = byEmail(w.victim.user.mail);
    for (const aud of ['https://other.example/global-token-revocation', `${op.issuer}${JANS}/token`]) {
      await refusedWith(op, w, { body, query: assertionQuery(await clientAssertion(op, w.revoker, { aud })) }, 401);
    }
  },
  'private_key_jwt that expired is 401': async (op) => {
    const w = await draftWorld(op);
    const expired = await clientAssertion(op, w.revoker, { iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 120 });
    await refusedWith(op, w, { body: byEmail(w.victim.user.mail), query: assertionQuery(expired) }, 401);
  },
  'private_key_jwt whose jti was used before is 401': async (op) => {
    const w = await draftWorld(op);
    const query = assertionQuery(await clientAssertion(op, w.revoker));
    await expectEmpty(await gtr(op, { body: byEmail(w.bystander.user.mail), query }), 204);
    await refusedWith(op, w, { body: byEmail(w.victim.user.mail), query }, 401);
  },
  'private_key_jwt with iss ≠ sub, no exp, an exp hours away, a key the client did not register, or for a client without keys is 401': async (op) => {
    const w = await draftWorld(op);
    const body = byEmail(w.victim.user.mail);
    const other = await gtrClient(op, w.token);
    const stranger = await signingKey();
    const keyless = { ...w.revoker, client: other };
    for (const assertion of [
      await clientAssertion(op, w.revoker, { sub: other.inum }),
      await clientAssertion(op, w.revoker, { exp: undefined }),
      await clientAssertion(op, w.revoker, { exp: Math.floor(Date.now() / 1000) + 3 * 3600 }),
      await clientAssertion(op, w.revoker, {}, stranger),
      await clientAssertion(op, keyless),
    ]) {
      await refusedWith(op, w, { body, query: assertionQuery(assertion) }, 401);
    }
    await refusedWith(
      op,
      w,
      {
        body,
        query: { client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer', client_assertion: await clientAssertion(op, w.revoker) },
      },
      401,
    );
  },
  "Okta's Universal Logout bearer JWT (typ global-token-revocation+jwt) authenticates": async (op) => {
    const w = await draftWorld(op);
    await revokeByEmail(op, w, `Bearer ${await universalLogoutJwt(op, w.revoker)}`);
    expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');
  },
  'a Bearer JWT without typ global-token-revocation+jwt is 401': async (op) => {
    const w = await draftWorld(op);
    const body = byEmail(w.victim.user.mail);
    for (const typ of ['JWT', 'at+jwt']) await refusedWith(op, w, { auth: `Bearer ${await universalLogoutJwt(op, w.revoker, {}, { typ })}`, body }, 401);
    await refusedWith(op, w, { auth: `Bearer ${await universalLogoutJwt(op, w.revoker, {}, { typ: undefined })}`, body }, 401);
  },
  'a Universal Logout JWT with a wrong aud, expired, replayed, without nbf or signed with an unregistered key is 401': async (op) => {
    const w = await draftWorld(op);
    const body = byEmail(w.victim.user.mail);
    const t = Math.floor(Date.now() / 1000);
    const replayed = await universalLogoutJwt(op, w.revoker);
    await expectEmpty(await gtr(op, { auth: `Bearer ${replayed}`, body: byEmail(w.bystander.user.mail) }), 204);
    for (const jwt of [
      await universalLogoutJwt(op, w.revoker, { aud: `${op.issuer}${GTR_PATH}?x=1` }),
      await universalLogoutJwt(op, w.revoker, { aud: op.issuer }),
      await universalLogoutJwt(op, w.revoker, { iat: t - 900, nbf: t - 900, exp: t - 300 }),
      await universalLogoutJwt(op, w.revoker, { nbf: undefined }),
      await universalLogoutJwt(op, w.revoker, { sub: 'no-such-client' }),
      await universalLogoutJwt(op, w.revoker, {}, {}, await signingKey()),
      replayed,
    ]) {
      await refusedWith(op, w, { auth: `Bearer ${jwt}`, body }, 401);
    }
  },
  'a method other than POST is 405 and revokes nothing': async (op) => {
    const w = await draftWorld(op);
    for (const method of ['GET', 'PUT', 'DELETE']) await refusedWith(op, w, { auth: w.revoker.auth, body: byEmail(w.victim.user.mail), method }, 405);
  },
} satisfies Record<string, Check>;

type CheckName = keyof typeof CHECKS;

/** The check each draft fault makes fail. */
const KILLED_BY: Record<DraftFaultName, CheckName> = {
  'draft-keeps-refresh-tokens': 'refresh tokens of the user are revoked (MUST), a bystander keeps hers',
  'draft-keeps-access-tokens': 'access tokens of the user are invalidated (SHOULD), a bystander keeps hers',
  'draft-keeps-sessions': 'the user must log in again before new tokens (MUST): sessions are gone, a bystander keeps hers',
  'draft-codes-survive': 'a code issued before the revocation can no longer be exchanged (MUST re-authenticate); a bystander redeems hers',
  'draft-no-authorization-check': 'a credential without the global_token_revocation scope is 403, empty, and revokes nothing',
  'draft-unknown-user-204': 'an unknown user is 404, empty, in every format; an iss_sub of another issuer names nobody here',
  'draft-unsupported-format-accepted': 'an unsupported subject identifier format is 400, empty, and revokes nothing',
  'draft-jwt-audience-unchecked': 'private_key_jwt with an aud that is not this endpoint is 401',
  'draft-jwt-replay-accepted': 'private_key_jwt whose jti was used before is 401',
  'draft-jwt-expiry-unchecked': 'private_key_jwt that expired is 401',
  'draft-jwt-typ-unchecked': 'a Bearer JWT without typ global-token-revocation+jwt is 401',
};

for (const [name, check] of Object.entries(CHECKS) as Array<[CheckName, Check]>) {
  test(`draft: ${name}`, async () => {
    const op = await startOp(DRAFT);
    try {
      await check(op);
    } finally {
      await op.close();
    }
  });
}

test('draft: every draft fault is shown to break a check', () => {
  expect(Object.keys(KILLED_BY).sort()).toEqual([...DRAFT_FAULT_NAMES].sort());
});

for (const fault of DRAFT_FAULT_NAMES) {
  test(`draft fault ${fault} makes "${KILLED_BY[fault]}" fail`, async () => {
    const op = await startOp({ ...DRAFT, faults: [fault] });
    try {
      const outcome = await CHECKS[KILLED_BY[fault]](op).then(
        () => 'passed',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      // An assertion of the check, not its arrangement, must be what fails.
      expect(outcome).toMatch(/expect\(/);
    } finally {
      await op.close();
    }
  });
}

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

test('CLI: REFOP_GTR_PROFILE and REFOP_GTR_SUBJECT_MEMBER; the ready line says the profile; a wrong value exits 2', async () => {
  const main = join(import.meta.dirname, '../../fixtures/reference-op/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, REFOP_HTTP: 'true', REFOP_GTR_PROFILE: 'draft', REFOP_GTR_SUBJECT_MEMBER: 'subject', REFOP_FAULTS: 'draft-keeps-sessions' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  try {
    await expect.poll(() => stdout.includes('\n'), { timeout: 20_000 }).toBe(true);
    const ready = JSON.parse(stdout.split('\n')[0] ?? '') as { gtrProfile: string; endpoints: string[]; faults: string[] };
    expect(ready).toMatchObject({ gtrProfile: 'draft', endpoints: ['global_token_revocation'], faults: ['draft-keeps-sessions'] });
  } finally {
    child.kill('SIGTERM');
  }
  expect(((await once(child, 'exit')) as [number | null])[0]).toBe(0);
  for (const env of [{ REFOP_GTR_PROFILE: 'okta' }, { REFOP_GTR_SUBJECT_MEMBER: 'subj' }, { REFOP_FAULTS: 'draft-keeps-sessions' }]) {
    const bad = spawn(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, REFOP_HTTP: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    expect(((await once(bad, 'exit')) as [number | null])[0], JSON.stringify(env)).toBe(2);
    expect(stderr).toMatch(/REFOP_GTR_PROFILE|REFOP_GTR_SUBJECT_MEMBER|draft profile/);
  }
});
