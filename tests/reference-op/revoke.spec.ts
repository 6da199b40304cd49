import { login, promptNone, sessionState, world } from './login-support';
import { createClient, createUser, expect, form, opFetch, patchConfig, REDIRECT_URI, revoke, test, tokenFor } from './support';

/** revoke_session: whom a call revokes and what it removes (docs/behaviour/revoke-session.md). */

const byUid = (userId: string) => ({ user_criterion_key: 'uid', user_criterion_value: userId });

test.describe('revoke_session outcomes', () => {
  test('known user: 200, empty body, sessions gone, prompt=none → login_required', async ({ op }) => {
    const w = await world(op);
    expect(await promptNone(op, w.client, w.jar)).toBe('code');
    const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(await sessionState(op, w.jar)).toBe('unknown');
    expect(await promptNone(op, w.client, w.jar)).toBe('login_required');
    expect(op.stats().sessions).toBe(0);
  });

  test('unknown user and known user answer alike', async ({ op }) => {
    const w = await world(op);
    const unknown = await revoke(op, { auth: w.auth, params: byUid('no-such-user') });
    const known = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    for (const res of [unknown, known]) expect(res.status).toBe(200);
    expect(unknown.headers.get('content-type')).toBe(known.headers.get('content-type'));
    expect(await unknown.text()).toBe(await known.text());
  });

  for (const [name, params] of [
    ['no parameters', {}],
    ['blank key', { user_criterion_key: '', user_criterion_value: 'x' }],
    ['missing value', { user_criterion_key: 'uid' }],
  ] as const) {
    test(`${name} → 200 empty`, async ({ op }) => {
      const w = await world(op);
      const res = await revoke(op, { auth: w.auth, params });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      expect(await sessionState(op, w.jar)).toBe('authenticated');
    });
  }

  test('criterion on mail, inum and a custom attribute', async ({ op }) => {
    const w = await world(op);
    const custom = await createUser(op, w.token, { customAttributes: [{ name: 'employeeNumber', values: ['E-42'] }] });
    const session = await login(op, w.client, custom);
    expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'employeeNumber', user_criterion_value: 'E-42' } })).status).toBe(200);
    expect(await sessionState(op, session.jar)).toBe('unknown');
    expect(await sessionState(op, w.jar)).toBe('authenticated');
    await revoke(op, { auth: w.auth, params: { user_criterion_key: 'mail', user_criterion_value: w.user.mail } });
    expect(await sessionState(op, w.jar)).toBe('unknown');
    const again = await login(op, w.client, w.user);
    await revoke(op, { auth: w.auth, params: { user_criterion_key: 'inum', user_criterion_value: w.user.inum } });
    expect(await sessionState(op, again.jar)).toBe('unknown');
  });

  test('Janssen attribute names only: displayName, givenName, sn, jansStatus and case-insensitive names match; email and userId do not', async ({ op }) => {
    const w = await world(op);
    const custom = await createUser(op, w.token, { givenName: `G-${w.user.userId}`, customAttributes: [{ name: 'sn', values: [`S-${w.user.userId}`] }] });
    for (const [key, value] of <Array<[string, string]>>[
      ['email', custom.mail],
      ['userId', custom.userId],
      ['dn', `inum=${custom.inum},ou=people,o=jans`],
    ]) {
      const session = await login(op, w.client, custom);
      expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: key, user_criterion_value: value } })).status).toBe(200);
      expect(await sessionState(op, session.jar), key).toBe('authenticated');
    }
    for (const [key, value] of <Array<[string, string]>>[
      ['displayName', custom.userId],
      ['GIVENNAME', `G-${w.user.userId}`],
      ['sn', `S-${w.user.userId}`],
      ['MAIL', custom.mail],
      ['UID', custom.userId],
    ]) {
      const session = await login(op, w.client, custom);
      expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: key, user_criterion_value: value } })).status).toBe(200);
      expect(await sessionState(op, session.jar), key).toBe('unknown');
    }
    const status = await login(op, w.client, custom);
    await revoke(op, { auth: w.auth, params: { user_criterion_key: 'jansStatus', user_criterion_value: 'active' } });
    // jansStatus=active matches every user: the first one created (w.user) goes, custom keeps its session.
    expect(await sessionState(op, w.jar)).toBe('unknown');
    expect(await sessionState(op, status.jar)).toBe('authenticated');
  });

  test('client_secret_post credentials in the query string authenticate (servlet parameters)', async ({ op }) => {
    const token = await tokenFor(op);
    const client = await createClient(op, token, { tokenEndpointAuthMethod: 'client_secret_post' });
    const res = await opFetch(op)(`${op.issuer}/jans-auth/restv1/revoke_session?${form({ client_id: client.inum, client_secret: client.clientSecret })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form(byUid('nobody')),
    });
    expect(res.status).toBe(200);
  });

  test('sessionIdPersistInCache=true → 500 empty for a known user, 200 for an unknown one (findByUser unsupported)', async ({ op }) => {
    const w = await world(op);
    expect((await patchConfig(op, w.token, [{ op: 'replace', path: '/sessionIdPersistInCache', value: true }])).status).toBe(200);
    expect((await revoke(op, { auth: w.auth, params: byUid('nobody') })).status).toBe(200);
    const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('');
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('errorReasonEnabled=true adds the reason to the 403', async ({ op }) => {
    const w = await world(op);
    await patchConfig(op, w.token, [
      { op: 'replace', path: '/errorReasonEnabled', value: true },
      { op: 'replace', path: '/featureFlags', value: ['status_session'] },
    ]);
    const res = await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'access_denied', error_description: 'access_denied', reason: 'Feature flag is disabled on server.' });
  });

  test('only the first matching user is revoked', async ({ op }) => {
    const w = await world(op);
    const shared = { customAttributes: [{ name: 'department', values: ['sales'] }] };
    const first = await createUser(op, w.token, shared);
    const second = await createUser(op, w.token, shared);
    const s1 = await login(op, w.client, first);
    const s2 = await login(op, w.client, second);
    expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'department', user_criterion_value: 'sales' } })).status).toBe(200);
    expect(await sessionState(op, s1.jar)).toBe('unknown');
    expect(await sessionState(op, s2.jar)).toBe('authenticated');
  });

  test("all of the user's sessions go, other users keep theirs", async ({ op }) => {
    const w = await world(op);
    const second = await login(op, w.client, w.user);
    const other = await createUser(op, w.token);
    const otherSession = await login(op, w.client, other);
    await revoke(op, { auth: w.auth, params: byUid(w.user.userId) });
    expect(await sessionState(op, w.jar)).toBe('unknown');
    expect(await sessionState(op, second.jar)).toBe('unknown');
    expect(await sessionState(op, otherSession.jar)).toBe('authenticated');
  });

  test("values are literal: * )( % ' match nothing", async ({ op }) => {
    const w = await world(op);
    for (const value of ['*', `${w.user.userId.slice(0, 4)}*`, ')(uid=*', '%', "'"]) {
      expect((await revoke(op, { auth: w.auth, params: { user_criterion_key: 'uid', user_criterion_value: value } })).status).toBe(200);
    }
    expect(await sessionState(op, w.jar)).toBe('authenticated');
  });

  test('a bearer token of the client authenticates it; the access token survives revocation', async ({ op }) => {
    const w = await world(op);
    const tokenRes = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: w.auth },
      body: form({ grant_type: 'client_credentials' }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    expect((await revoke(op, { auth: `Bearer ${access_token}`, params: byUid(w.user.userId) })).status).toBe(200);
    expect(await sessionState(op, w.jar)).toBe('unknown');
  });

  test('a user access token also authenticates, and still works at userinfo after revocation', async ({ op }) => {
    const w = await world(op);
    const { location } = await login(op, w.client, w.user);
    const tokenRes = await fetch(`${op.issuer}/jans-auth/restv1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: w.auth },
      body: form({ grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI }),
    });
    expect(tokenRes.status).toBe(200);
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    expect((await revoke(op, { auth: `Bearer ${access_token}`, params: byUid(w.user.userId) })).status).toBe(200);
    const userinfo = await fetch(`${op.issuer}/jans-auth/restv1/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(userinfo.status).toBe(200);
  });
});
