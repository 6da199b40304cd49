import type { GlobalTokenRevocationFaultName } from '../../fixtures/reference-op/faults';
import type { ReferenceOpOptions, RunningReferenceOp } from '../../fixtures/reference-op/server';
import { ALIVE, byUid, DEAD, gtr, gtrClient, type GtrWorld, gtrWorld, liveLogin, liveness, subject } from './gtr-support';
import { login, multiStepFirstStep, promptNone, sessionState } from './login-support';
import { basic, createUser, discovery, expect, type FaultCheck, flagsWithout, introspect, patchFlags, tokenFor, userinfo } from './support';

/**
 * One check per Global Token Revocation fault (faults.spec.ts runs them). The file stays longer
 * than most: it is one table with an entry per fault, which the fault list is checked against.
 */

const CLAIM = 'global_token_revocation_endpoint';
const FLAG_OFF: ReferenceOpOptions = { featureFlags: flagsWithout('global_token_revocation') };

async function state(op: RunningReferenceOp, w: GtrWorld, which: 0 | 1 = 0) {
  return liveness(op, w.clients[which], w.logins[which]);
}

/** The fault makes a call that must revoke nothing revoke the victim. */
function revokesAnyway(options: ReferenceOpOptions | undefined, call: (op: RunningReferenceOp, w: GtrWorld) => Promise<Response>, status: number): FaultCheck {
  return {
    options,
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await call(op, w)).status).toBe(status);
      expect(await state(op, w)).toEqual(DEAD);
    },
  };
}

export const GTR_CHECKS: Record<GlobalTokenRevocationFaultName, FaultCheck> = {
  'gtr-claim-missing': {
    check: async (op) => expect(CLAIM in (await discovery(op))).toBe(false),
  },
  'gtr-claim-relative': {
    check: async (op) => expect((await discovery(op))[CLAIM]).toBe('/jans-auth/restv1/global-token-revocation'),
  },
  'gtr-claim-wrong-path': {
    check: async (op) => {
      const claim = String((await discovery(op))[CLAIM]);
      expect(claim).toBe(`${op.issuer}/jans-auth/restv1/global_token_revocation`);
      expect((await fetch(claim, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
    },
  },
  'gtr-flag-off-claim-kept': {
    options: FLAG_OFF,
    check: async (op) => expect((await discovery(op))[CLAIM]).toBe(`${op.issuer}/jans-auth/restv1/global-token-revocation`),
  },
  'gtr-no-auth-accepted': revokesAnyway(undefined, (op, w) => gtr(op, { body: byUid(w.user.userId) }), 204),
  'gtr-no-www-authenticate': {
    check: async (op) => {
      const res = await gtr(op, { body: byUid('x') });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeNull();
    },
  },
  'gtr-wrong-secret-accepted': revokesAnyway(undefined, (op, w) => gtr(op, { auth: basic(w.revoker.inum, 'wrong'), body: byUid(w.user.userId) }), 204),
  'gtr-revoke-before-secret-check': revokesAnyway(undefined, (op, w) => gtr(op, { auth: basic(w.revoker.inum, 'wrong'), body: byUid(w.user.userId) }), 401),
  'gtr-unknown-client-accepted': revokesAnyway(undefined, (op, w) => gtr(op, { auth: basic('nobody-registered', 'x'), body: byUid(w.user.userId) }), 204),
  'gtr-invalid-bearer-accepted': revokesAnyway(undefined, (op, w) => gtr(op, { auth: 'Bearer not-a-token', body: byUid(w.user.userId) }), 204),
  'gtr-scope-check-skipped': revokesAnyway(
    undefined,
    async (op, w) => {
      const noScope = await gtrClient(op, w.token, { scopes: ['openid'] });
      return gtr(op, { auth: basic(noScope.inum, noScope.clientSecret), body: byUid(w.user.userId) });
    },
    204,
  ),
  'gtr-revoke-before-scope-check': revokesAnyway(
    undefined,
    async (op, w) => {
      const noScope = await gtrClient(op, w.token, { scopes: ['openid'] });
      return gtr(op, { auth: basic(noScope.inum, noScope.clientSecret), body: byUid(w.user.userId) });
    },
    401,
  ),
  'gtr-basic-auth-broken': {
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(401);
      expect(await state(op, w)).toEqual(ALIVE);
    },
  },
  'gtr-200-not-204': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const res = await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(res.status).toBe(200);
      expect(await state(op, w)).toEqual(DEAD);
    },
  },
  'gtr-revoke-noop': {
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
      expect(await state(op, w)).toEqual(ALIVE);
    },
  },
  'gtr-newest-session-only': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      const sessions = [await sessionState(op, w.logins[0].jar), await sessionState(op, w.logins[1].jar)];
      expect(sessions.sort()).toEqual(['authenticated', 'unknown']);
      expect((await userinfo(op, w.logins[0].accessToken)).status).toBe(401);
    },
  },
  'gtr-unauthenticated-sessions-kept': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const half = await multiStepFirstStep(op, w.clients[0], w.user);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await sessionState(op, half.jar)).toBe('unauthenticated');
      expect(await state(op, w)).toEqual(DEAD);
    },
  },
  'gtr-session-status-stale': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await sessionState(op, w.logins[0].jar)).toBe('authenticated');
      expect(await promptNone(op, w.clients[0], w.logins[0].jar)).toBe('login_required');
    },
  },
  'gtr-bystander-sessions-removed': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const bystander = await liveLogin(op, w.clients[0], await createUser(op, w.token));
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await liveness(op, w.clients[0], bystander)).toEqual({ ...ALIVE, session: 'unknown' });
    },
  },
  'gtr-bystander-tokens-removed': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const bystander = await liveLogin(op, w.clients[0], await createUser(op, w.token));
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await liveness(op, w.clients[0], bystander)).toEqual({ ...DEAD, session: 'authenticated' });
    },
  },
  'gtr-revocation-delayed': {
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
      expect(await sessionState(op, w.logins[0].jar)).toBe('authenticated');
      expect((await userinfo(op, w.logins[0].accessToken)).status).toBe(200);
      await expect.poll(() => sessionState(op, w.logins[0].jar), { timeout: 10_000 }).toBe('unknown');
      expect((await userinfo(op, w.logins[0].accessToken)).status).toBe(401);
    },
  },
  'gtr-user-locked-out': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      await expect(login(op, w.clients[0], w.user)).rejects.toThrow('Failed to authenticate.');
    },
  },
  'gtr-unknown-user-404': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const res = await gtr(op, { auth: w.auth, body: byUid('no-such-user') });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    },
  },
  'gtr-revoke-all-matching-users': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const shared = { customAttributes: [{ name: 'team', values: ['blue'] }] };
      const a = await liveLogin(op, w.clients[0], await createUser(op, w.token, shared));
      const b = await liveLogin(op, w.clients[0], await createUser(op, w.token, shared));
      await gtr(op, { auth: w.auth, body: subject('team', 'blue') });
      expect([await liveness(op, w.clients[0], a), await liveness(op, w.clients[0], b)]).toEqual([DEAD, DEAD]);
    },
  },
  'gtr-idempotency-broken': {
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(500);
    },
  },
  'gtr-no-session-500': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const idle = await createUser(op, w.token);
      expect((await gtr(op, { auth: w.auth, body: byUid(idle.userId) })).status).toBe(500);
    },
  },
  'gtr-wildcard-id': revokesAnyway(undefined, (op, w) => gtr(op, { auth: w.auth, body: byUid(`${w.user.userId.slice(0, 6)}*`) }), 204),
  'gtr-prefix-match': revokesAnyway(undefined, (op, w) => gtr(op, { auth: w.auth, body: byUid(w.user.userId.slice(0, -1)) }), 204),
  'gtr-tokens-kept': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await state(op, w)).toEqual({ ...ALIVE, session: 'unknown' });
    },
  },
  'gtr-access-tokens-kept': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await state(op, w)).toEqual({ ...DEAD, userinfo: 200 });
    },
  },
  'gtr-refresh-tokens-kept': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await state(op, w)).toEqual({ ...DEAD, refresh: 200 });
    },
  },
  'gtr-caller-client-tokens-only': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await gtr(op, { auth: w.auth, body: byUid(w.user.userId) });
      expect(await state(op, w, 1)).toEqual({ ...ALIVE, session: 'unknown' });
    },
  },
  'gtr-client-tokens-removed': {
    check: async (op) => {
      const w = await gtrWorld(op);
      const own = await tokenFor(op, ['global_token_revocation'], w.revoker.inum, w.revoker.clientSecret);
      expect((await introspect(op, w.revoker, own)).active).toBe(true);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
      expect((await introspect(op, w.revoker, own)).active, "the revoker's client_credentials token is gone").toBe(false);
    },
  },
  'gtr-flag-ignored': revokesAnyway(FLAG_OFF, (op, w) => gtr(op, { auth: w.auth, body: byUid(w.user.userId) }), 204),
  'gtr-flag-off-noop': {
    options: FLAG_OFF,
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(204);
      expect(await state(op, w)).toEqual(ALIVE);
    },
  },
  'gtr-revoke-before-flag-check': revokesAnyway(FLAG_OFF, (op, w) => gtr(op, { auth: w.auth, body: byUid(w.user.userId) }), 403),
  'gtr-flag-sticky-off': {
    check: async (op) => {
      const w = await gtrWorld(op);
      await patchFlags(op, w.token, flagsWithout('global_token_revocation'));
      await patchFlags(op, w.token, flagsWithout());
      expect(CLAIM in (await discovery(op))).toBe(false);
      expect((await gtr(op, { auth: w.auth, body: byUid(w.user.userId) })).status).toBe(403);
    },
  },
  'gtr-flag-before-auth': {
    options: FLAG_OFF,
    check: async (op) => expect((await gtr(op, { auth: basic('nobody', 'bad'), body: byUid('x') })).status).toBe(403),
  },
  'gtr-get-accepted': revokesAnyway(undefined, (op, w) => gtr(op, { method: 'GET', auth: w.auth, query: { format: 'uid', id: w.user.userId } }), 204),
  'gtr-revoke-before-method-check': revokesAnyway(undefined, (op, w) => gtr(op, { method: 'DELETE', auth: w.auth, body: byUid(w.user.userId) }), 405),
  'gtr-media-type-ignored': revokesAnyway(undefined, (op, w) => gtr(op, { auth: w.auth, body: byUid(w.user.userId), contentType: 'text/plain' }), 204),
  'gtr-bad-json-500': {
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await gtr(op, { auth: w.auth, body: 'not json' })).status).toBe(500);
    },
  },
  'gtr-unknown-member-ignored': revokesAnyway(undefined, (op, w) => gtr(op, { auth: w.auth, body: { ...byUid(w.user.userId), extra: 1 } }), 204),
  'gtr-empty-body-revokes': revokesAnyway(undefined, (op, w) => gtr(op, { auth: w.auth, body: {} }), 204),
  'gtr-email-alias': revokesAnyway(undefined, (op, w) => gtr(op, { auth: w.auth, body: subject('email', w.user.mail) }), 204),
  'gtr-oversized-500': {
    check: async (op) => {
      const w = await gtrWorld(op);
      expect((await gtr(op, { auth: w.auth, body: byUid('v'.repeat(9 * 1024)) })).status).toBe(500);
    },
  },
  'gtr-error-not-json': {
    check: async (op) => {
      const res = await gtr(op, { body: byUid('x') });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('text/plain');
    },
  },
};
