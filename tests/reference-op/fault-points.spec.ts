import type { ReferenceOpOptions, RunningReferenceOp } from '../../fixtures/reference-op/server';
import { login, world } from './login-support';
import { basic, createUser, discovery, expect, form, opFetch, patchFlags, startOp, test, tokenFor } from './support';

/**
 * Fault points (self-test option faultPoints): the kill matrix runs a fault only against the tests
 * whose requests reached one of its points on the healthy OP. A point must therefore be asked only
 * where its fault would change the outcome, and never outside a request.
 */

type Reached = Map<string, Set<string>>;

async function recordingOp(options: ReferenceOpOptions = {}): Promise<{ op: RunningReferenceOp; reached: Reached }> {
  const reached: Reached = new Map();
  const op = await startOp({ ...options, faultPoints: (tag, fault) => reached.set(tag, (reached.get(tag) ?? new Set()).add(fault)) });
  return { op, reached };
}

const faultsOf = (reached: Reached, tag: string) => [...(reached.get(tag) ?? [])].sort();

async function taggedRevoke(op: RunningReferenceOp, tag: string, auth: string, userId: string): Promise<Response> {
  return opFetch(op)(`${op.issuer}/jans-auth/restv1/revoke_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth, 'x-conformance-test': tag },
    body: form({ user_criterion_key: 'uid', user_criterion_value: userId }),
  });
}

test('a healthy revocation reaches only the points of faults that would change it', async () => {
  const { op, reached } = await recordingOp();
  try {
    const w = await world(op);
    // Provisioning and the first login of a user never revoked reach no fault point.
    expect(faultsOf(reached, 'setup')).toEqual([]);
    expect((await taggedRevoke(op, 'revoke', w.auth, w.user.userId)).status).toBe(200);
    // A Basic client that passes, a user with one session, nobody else logged in.
    expect(faultsOf(reached, 'revoke')).toEqual(['basic-auth-broken', 'revocation-delayed', 'revoke-noop', 'session-status-stale']);
    // A wrong secret asks the faults of a refused client, none of a passing one.
    expect((await taggedRevoke(op, 'wrong-secret', basic(w.client.inum, 'wrong'), w.user.userId)).status).toBe(401);
    expect(faultsOf(reached, 'wrong-secret')).toEqual(['error-not-json', 'no-www-authenticate', 'wrong-secret-accepted']);
  } finally {
    await op.close();
  }
});

test('a login asks the lock-out faults only for a revoked user whose password matches', async () => {
  const { op, reached } = await recordingOp();
  try {
    const w = await world(op);
    const other = await createUser(op, w.token);
    await login(op, w.client, other);
    expect(faultsOf(reached, 'setup')).toEqual([]);
    expect((await taggedRevoke(op, 'revoke', w.auth, w.user.userId)).status).toBe(200);
    await expect(login(op, w.client, { userId: w.user.userId, password: 'wrong' })).rejects.toThrow('Failed to authenticate.');
    expect(faultsOf(reached, 'setup')).toEqual([]);
    await login(op, w.client, w.user);
    expect(faultsOf(reached, 'setup')).toEqual(['user-locked-out']);
  } finally {
    await op.close();
  }
});

test('the reload timer reaches no fault point: the sticky flags act when a request asks', async () => {
  const { op, reached } = await recordingOp({ flagDelayMs: 50, faults: ['flag-sticky-off', 'gtr-flag-sticky-off'] });
  try {
    const token = await tokenFor(op);
    const patchAndReload = async (flags: string[]) => {
      const { reloads } = op.stats();
      expect((await patchFlags(op, token, flags)).status).toBe(200);
      await expect.poll(() => op.stats().reloads, { timeout: 5_000, intervals: [10] }).toBe(reloads + 1);
    };
    await patchAndReload(['status_session']);
    await patchAndReload([]);
    expect(faultsOf(reached, 'outside')).toEqual([]);
    expect(faultsOf(reached, 'setup')).toEqual([]);
    // The first discovery request builds the document: the sticky flags act there, so the claims are
    // gone, and the claim faults of a flag seen off are asked (the build's other point: the issuer).
    const doc = await discovery(op);
    expect('session_revocation_endpoint' in doc || 'global_token_revocation_endpoint' in doc).toBe(false);
    expect(faultsOf(reached, 'setup')).toEqual([
      'disc-issuer-mismatch',
      'flag-off-claim-kept',
      'flag-sticky-off',
      'gtr-flag-off-claim-kept',
      'gtr-flag-sticky-off',
    ]);
    expect(faultsOf(reached, 'outside')).toEqual([]);
  } finally {
    await op.close();
  }
});
