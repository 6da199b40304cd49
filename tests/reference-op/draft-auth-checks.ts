import {
  accessTokenOf,
  assertionQuery,
  byEmail,
  type Check,
  clientAssertion,
  draftWorld,
  GTR_PATH,
  refusedWith,
  revokeByEmail,
  signingKey,
  universalLogoutJwt,
} from './draft-support';
import { gtr, gtrClient } from './gtr-support';
import { sessionState } from './login-support';
import { basic, expect, expectEmpty, JANS } from './support';

/**
 * The draft profile's checks of how a caller authenticates and is authorized (draft.spec.ts runs
 * them against a conformant draft OP and shows each draft fault failing one).
 */

export const AUTH_CHECKS = {
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
