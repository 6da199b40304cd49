import { sessionState, world } from './login-support';
import { basic, createClient, discovery, expect, revoke, startOp, test, tokenFor } from './support';

/** Janssen builds (option endpoints; docs/behaviour/server.md#builds): which revocation endpoints exist. */

test('the default build has both endpoints', async ({ op }) => {
  expect(op.endpoints).toEqual(['revoke_session', 'global_token_revocation']);
  expect((await discovery(op)).session_revocation_endpoint).toBe(`${op.issuer}/jans-auth/restv1/revoke_session`);
});

test('a build without revoke_session: the filter still answers 401 without credentials, 404 (empty) with them; no claim', async () => {
  const op = await startOp({ endpoints: ['global_token_revocation'] });
  try {
    const token = await tokenFor(op);
    const client = await createClient(op, token);
    const res = await revoke(op, { params: { user_criterion_key: 'uid', user_criterion_value: 'x' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="jans-auth"');
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
    expect((await revoke(op, { auth: basic(client.inum, 'wrong'), params: {} })).status).toBe(401);
    for (const method of ['POST', 'GET', 'DELETE']) {
      const found = await revoke(op, { method, auth: basic(client.inum, client.clientSecret), params: {} });
      expect(found.status).toBe(404);
      expect(await found.text()).toBe('');
    }
    expect('session_revocation_endpoint' in (await discovery(op))).toBe(false);
  } finally {
    await op.close();
  }
});

test('in a build without revoke_session its flag is unknown: a list of only that name enables everything', async () => {
  const op = await startOp({ endpoints: ['global_token_revocation'], featureFlags: ['revoke_session'] });
  try {
    const w = await world(op);
    // status_session is not in the list, yet enabled: the set of known flags is empty (docs/behaviour/server.md#feature-flags).
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  } finally {
    await op.close();
  }
  const known = await startOp({ featureFlags: ['revoke_session'] });
  try {
    const res = await fetch(`${known.issuer}/jans-auth/restv1/session_status`);
    expect(res.status).toBe(403);
  } finally {
    await known.close();
  }
});

test('unknown endpoint names are refused; an empty list is a build with neither endpoint', async () => {
  await expect(startOp({ endpoints: ['revoke_sessions'] })).rejects.toThrow(/Unknown endpoint "revoke_sessions"/);
  const op = await startOp({ endpoints: [] });
  try {
    expect(op.endpoints).toEqual([]);
    expect('session_revocation_endpoint' in (await discovery(op))).toBe(false);
    expect((await revoke(op, { params: {} })).status).toBe(401);
  } finally {
    await op.close();
  }
});
