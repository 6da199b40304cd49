import type { RevokeSessionFaultName } from '../../fixtures/reference-op/faults';
import type { ReferenceOpOptions } from '../../fixtures/reference-op/server';
import { login, promptNone, sessionState, world } from './login-support';
import { basic, createClient, createUser, discovery, expect, type FaultCheck, patchFlags, revoke } from './support';

/**
 * One check per revoke_session fault (faults.spec.ts runs them). The file stays longer than most:
 * it is one table with an entry per fault, which the fault list is checked against.
 */

const byUid = (userId: string) => ({ user_criterion_key: 'uid', user_criterion_value: userId });
const FLAG_OFF: ReferenceOpOptions = { featureFlags: ['status_session'] };
const CLAIM = 'session_revocation_endpoint';

export const RS_CHECKS: Record<RevokeSessionFaultName, FaultCheck> = {
  'discovery-claim-missing': {
    check: async (op) => expect(CLAIM in (await discovery(op))).toBe(false),
  },
  'discovery-claim-wrong-path': {
    check: async (op) => {
      const claim = String((await discovery(op))[CLAIM]);
      expect(claim).toBe(`${op.issuer}/jans-auth/restv1/revoke_sessions`);
      expect((await fetch(claim, { method: 'POST' })).status).toBe(404);
    },
  },
  'discovery-claim-relative': {
    check: async (op) => expect((await discovery(op))[CLAIM]).toBe('/jans-auth/restv1/revoke_session'),
  },
  'disc-issuer-mismatch': {
    check: async (op) => expect((await discovery(op)).issuer).toBe(`${op.issuer}/`),
  },
  'client-auth-skipped': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'no-www-authenticate': {
    check: async (op) => {
      const res = await revoke(op, { params: byUid('x') });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBeNull();
    },
  },
  'wrong-secret-accepted': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: basic(w.client.inum, 'wrong'), params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'unknown-client-accepted': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: basic('nobody-registered', 'x'), params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'scope-check-skipped': {
    check: async (op) => {
      const w = await world(op);
      const noScope = await createClient(op, w.token, { scopes: ['openid'] });
      expect((await revoke(op, { auth: basic(noScope.inum, noScope.clientSecret), params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'basic-auth-broken': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(401);
    },
  },
  'revoke-noop': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('authenticated');
    },
  },
  'revoke-newest-session-only': {
    check: async (op) => {
      const w = await world(op);
      const second = await login(op, w.client, w.user);
      await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
      const states = [await sessionState(op, w.jar), await sessionState(op, second.jar)];
      expect(states.sort()).toEqual(['authenticated', 'unknown']);
    },
  },
  'revoke-other-user-too': {
    check: async (op) => {
      const w = await world(op);
      const other = await login(op, w.client, await createUser(op, w.token));
      await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
      expect(await sessionState(op, other.jar)).toBe('unknown');
    },
  },
  'revocation-delayed': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('authenticated');
      await expect.poll(() => sessionState(op, w.jar), { timeout: 10_000 }).toBe('unknown');
    },
  },
  'session-status-stale': {
    check: async (op) => {
      const w = await world(op);
      await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
      expect(await sessionState(op, w.jar)).toBe('authenticated');
      expect(await promptNone(op, w.client, w.jar)).toBe('login_required');
    },
  },
  'user-locked-out': {
    check: async (op) => {
      const w = await world(op);
      await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
      await expect(login(op, w.client, w.user)).rejects.toThrow('Failed to authenticate.');
    },
  },
  'no-session-500': {
    check: async (op) => {
      const w = await world(op);
      const idle = await createUser(op, w.token);
      expect((await revoke(op, { auth: w.auth, params: byUid(idle.userId) })).status).toBe(500);
    },
  },
  'idempotency-broken': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(200);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(500);
    },
  },
  'unknown-user-404': {
    check: async (op) => {
      const w = await world(op);
      const res = await revoke(op, { auth: w.auth, params: byUid('no-such-user') });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    },
  },
  'revoke-all-matching-users': {
    check: async (op) => {
      const w = await world(op);
      const shared = { customAttributes: [{ name: 'team', values: ['blue'] }] };
      const a = await login(op, w.client, await createUser(op, w.token, shared));
      const b = await login(op, w.client, await createUser(op, w.token, shared));
      await revoke(op, { auth: w.auth, params: { user_criterion_key: 'team', user_criterion_value: 'blue' } });
      expect([await sessionState(op, a.jar), await sessionState(op, b.jar)]).toEqual(['unknown', 'unknown']);
    },
  },
  'wildcard-criterion': {
    check: async (op) => {
      const w = await world(op);
      await revoke(op, { auth: w.auth, params: byUid(`${w.user.userId.slice(0, 6)}*`) });
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'prefix-match': {
    check: async (op) => {
      const w = await world(op);
      await revoke(op, { auth: w.auth, params: byUid(w.user.userId.slice(0, 6)) });
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'flag-ignored': {
    options: FLAG_OFF,
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'flag-off-claim-kept': {
    options: FLAG_OFF,
    check: async (op) => expect((await discovery(op))[CLAIM]).toBe(`${op.issuer}/jans-auth/restv1/revoke_session`),
  },
  'flag-off-200-noop': {
    options: FLAG_OFF,
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('authenticated');
    },
  },
  'flag-off-500': {
    options: FLAG_OFF,
    check: async (op) => {
      const w = await world(op);
      const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
      expect(res.status).toBe(500);
      expect(await res.text()).toBe('');
    },
  },
  'flag-sticky-off': {
    check: async (op) => {
      const w = await world(op);
      await patchFlags(op, w.token, ['status_session']);
      await patchFlags(op, w.token, ['status_session', 'revoke_session']);
      expect(CLAIM in (await discovery(op))).toBe(false);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(403);
    },
  },
  'flag-before-auth': {
    options: FLAG_OFF,
    check: async (op) => expect((await revoke(op, { auth: basic('nobody', 'bad'), params: byUid('x') })).status).toBe(403),
  },
  'get-accepted': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { method: 'GET', auth: w.auth, params: byUid(w.user.userId) })).status).toBe(200);
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'blank-params-500': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: {} })).status).toBe(500);
    },
  },
  'oversized-500': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid('v'.repeat(9 * 1024)) })).status).toBe(500);
    },
  },
  'json-body-500': {
    check: async (op) => {
      const w = await world(op);
      const res = await revoke(op, { auth: w.auth, contentType: 'application/json', body: JSON.stringify(byUid(w.user.userId)) });
      expect(res.status).toBe(500);
    },
  },
  'error-not-json': {
    check: async (op) => {
      const res = await revoke(op, { params: byUid('x') });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('text/plain');
    },
  },
  'revoke-before-scope-check': {
    check: async (op) => {
      const w = await world(op);
      const noScope = await createClient(op, w.token, { scopes: ['openid'] });
      const res = await revoke(op, { auth: basic(noScope.inum, noScope.clientSecret), params: byUid(w.user.userId) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'revoke-before-method-check': {
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { method: 'GET', auth: w.auth, params: byUid(w.user.userId) })).status).toBe(405);
      expect(await sessionState(op, w.jar)).toBe('unknown');
      const second = await login(op, w.client, w.user);
      expect((await revoke(op, { method: 'DELETE', auth: w.auth, params: byUid(w.user.userId) })).status).toBe(405);
      expect(await sessionState(op, second.jar)).toBe('unknown');
    },
  },
  'revoke-before-secret-check': {
    check: async (op) => {
      const w = await world(op);
      const res = await revoke(op, { auth: basic(w.client.inum, 'wrong'), params: byUid(w.user.userId) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
  'revoke-before-flag-check': {
    options: FLAG_OFF,
    check: async (op) => {
      const w = await world(op);
      expect((await revoke(op, { auth: w.auth, params: byUid(w.user.userId) })).status).toBe(403);
      expect(await sessionState(op, w.jar)).toBe('unknown');
    },
  },
};
