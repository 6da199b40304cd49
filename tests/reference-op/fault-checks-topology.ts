import type { ClusterFaultName, DraftFaultName } from '../../fixtures/reference-op/faults';
import type { RunningReferenceOp } from '../../fixtures/reference-op/server';
import { assertionQuery, byEmail, clientAssertion, DRAFT, type DraftWorld, draftWorld, universalLogoutJwt } from './draft-support';
import { gtr, gtrClient } from './gtr-support';
import { login, promptNone, sessionState } from './login-support';
import { basic, createClient, createUser, expect, type FaultCheck, redeem, refresh, revoke, REVOKE_SCOPE_DN, tokenFor, userinfo, viewAt } from './support';

/** One check per fault of another topology or profile (faults.spec.ts runs them): the multi-node and the draft faults. */

const CACHE_MS = 300;

export const CLUSTER_CHECKS: Record<ClusterFaultName, FaultCheck> = {
  'node-never-forgets': {
    options: { nodes: 2, nodeCacheMs: CACHE_MS },
    check: async (op) => {
      const [first, last] = op.nodeUrls.map((url) => viewAt(op, url)) as [RunningReferenceOp, RunningReferenceOp];
      const token = await tokenFor(op);
      const user = await createUser(op, token);
      const client = await createClient(op, token, { scopes: [REVOKE_SCOPE_DN, 'openid', 'profile'] });
      const { jar } = await login(first, client, user);
      expect(await sessionState(last, jar)).toBe('authenticated');
      const cachedAt = Date.now();
      const res = await revoke(first, {
        auth: basic(client.inum, client.clientSecret),
        params: { user_criterion_key: 'uid', user_criterion_value: user.userId },
      });
      expect(res.status).toBe(200);
      expect(await sessionState(first, jar)).toBe('unknown');
      // Polled until well past the cache's lifetime: the last node never answers otherwise.
      const states = new Set<string>();
      while (Date.now() < cachedAt + 4 * CACHE_MS) {
        states.add(await sessionState(last, jar));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect([...states]).toEqual(['authenticated']);
    },
  },
};

/** A draft world, the revocation call, and what must hold afterwards under the fault. */
function afterRevocation(
  call: (op: RunningReferenceOp, w: DraftWorld) => Promise<Response>,
  status: number,
  then: (op: RunningReferenceOp, w: DraftWorld) => Promise<void>,
): FaultCheck {
  return {
    options: DRAFT,
    check: async (op) => {
      const w = await draftWorld(op);
      expect((await call(op, w)).status).toBe(status);
      await then(op, w);
    },
  };
}

const byVictim = (op: RunningReferenceOp, w: DraftWorld) => gtr(op, { auth: w.revoker.auth, body: byEmail(w.victim.user.mail) });
const revoked = async (op: RunningReferenceOp, w: DraftWorld) => expect(await sessionState(op, w.victim.login.jar)).toBe('unknown');

export const DRAFT_CHECKS: Record<DraftFaultName, FaultCheck> = {
  'draft-keeps-refresh-tokens': afterRevocation(byVictim, 204, async (op, w) => {
    expect((await refresh(op, w.victim.client, w.victim.login.refreshToken ?? '')).status).toBe(200);
  }),
  'draft-keeps-access-tokens': afterRevocation(byVictim, 204, async (op, w) => {
    expect((await userinfo(op, w.victim.login.accessToken)).status).toBe(200);
  }),
  'draft-keeps-sessions': afterRevocation(byVictim, 204, async (op, w) => {
    expect(await sessionState(op, w.victim.login.jar)).toBe('authenticated');
    expect(await promptNone(op, w.victim.client, w.victim.login.jar)).toBe('code');
  }),
  'draft-codes-survive': afterRevocation(byVictim, 204, async (op, w) => {
    expect((await redeem(op, w.victim.client, w.victim.code)).status).toBe(200);
  }),
  'draft-no-authorization-check': afterRevocation(
    async (op, w) => {
      const noScope = await gtrClient(op, w.token, { scopes: ['openid'] });
      return gtr(op, { auth: basic(noScope.inum, noScope.clientSecret), body: byEmail(w.victim.user.mail) });
    },
    204,
    revoked,
  ),
  'draft-unknown-user-204': afterRevocation(
    (op, w) => gtr(op, { auth: w.revoker.auth, body: byEmail('nobody@example.test') }),
    204,
    () => Promise.resolve(),
  ),
  'draft-unsupported-format-accepted': afterRevocation(
    (op, w) => gtr(op, { auth: w.revoker.auth, body: { sub_id: { format: 'phone_number', phone_number: '+12065550100' } } }),
    204,
    async (op, w) => expect(await sessionState(op, w.victim.login.jar)).toBe('authenticated'),
  ),
  'draft-jwt-audience-unchecked': afterRevocation(
    async (op, w) =>
      gtr(op, { body: byEmail(w.victim.user.mail), query: assertionQuery(await clientAssertion(op, w.revoker, { aud: 'https://other.example/' })) }),
    204,
    revoked,
  ),
  'draft-jwt-replay-accepted': afterRevocation(
    async (op, w) => {
      const query = assertionQuery(await clientAssertion(op, w.revoker));
      expect((await gtr(op, { body: byEmail(w.bystander.user.mail), query })).status).toBe(204);
      return gtr(op, { body: byEmail(w.victim.user.mail), query });
    },
    204,
    revoked,
  ),
  'draft-jwt-expiry-unchecked': afterRevocation(
    async (op, w) => {
      const t = Math.floor(Date.now() / 1000);
      return gtr(op, { body: byEmail(w.victim.user.mail), query: assertionQuery(await clientAssertion(op, w.revoker, { iat: t - 600, exp: t - 120 })) });
    },
    204,
    revoked,
  ),
  'draft-jwt-typ-unchecked': afterRevocation(
    async (op, w) => gtr(op, { auth: `Bearer ${await universalLogoutJwt(op, w.revoker, {}, { typ: 'JWT' })}`, body: byEmail(w.victim.user.mail) }),
    204,
    revoked,
  ),
};
