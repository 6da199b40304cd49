import { DEAD, expectAlive, gtr, gtrWorld, liveLogin, liveness, subject } from './gtr-support';
import { createUser, expect, expectEmpty, test } from './support';

/** Janssen's Global Token Revocation: how its JSON body is read. */

// docs/behaviour/global-token-revocation.md#the-body
test.describe('GTR body', () => {
  const BAD = [
    'not json',
    '{"sub_id":{"format":"uid","id":"x"}',
    '',
    '   ',
    '[]',
    '"x"',
    '1',
    'true',
    "{'sub_id':{}}",
    '{"sub_id":{"format":"uid","id":"x"},"extra":1}',
    '{"Sub_id":{"format":"uid","id":"x"}}',
    '{"sub_id":{"format":"email","email":"a@example.test"}}',
    '{"sub_id":{"format":"iss_sub","iss":"https://x","sub":"y"}}',
    '{"sub_id":{"format":"phone_number","phone_number":"+1"}}',
    '{"sub_id":"x"}',
    '{"sub_id":""}',
    '{"sub_id":[]}',
    '{"sub_id":1}',
    '{"sub_id":{"format":"uid","id":{}}}',
    '{"sub_id":{"format":"uid","id":[]}}',
    '{"sub_id":{"format":["uid"],"id":"x"}}',
    '{"sub_id":{"format":"uid","id":"x\u0001"}}',
    '{"sub_id":{"format":"uid","id":01}}',
  ];
  test('malformed or unmappable bodies → 400 invalid_request JSON, nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const raw of BAD) {
      const body = raw.replaceAll('"x"', JSON.stringify(w.user.userId));
      const res = await gtr(op, { auth: w.auth, body });
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    }
    await expectAlive(op, w);
  });

  test('{}, null and {"sub_id":null} → 500 empty (NPE), nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const body of ['{}', 'null', '{"sub_id":null}', ' null ']) await expectEmpty(await gtr(op, { auth: w.auth, body }), 500);
    await expectAlive(op, w);
  });

  test('no attribute name or no value → 204, nothing revoked', async ({ op }) => {
    const w = await gtrWorld(op);
    for (const body of [
      '{"sub_id":{}}',
      `{"sub_id":{"format":"uid"}}`,
      `{"sub_id":{"id":"${w.user.userId}"}}`,
      `{"sub_id":{"format":"","id":"${w.user.userId}"}}`,
      `{"sub_id":{"format":"uid","id":null}}`,
    ]) {
      await expectEmpty(await gtr(op, { auth: w.auth, body }), 204);
    }
    await expectAlive(op, w);
  });

  test('Jackson details: scalar ids are coerced by their text, duplicate members keep the last, trailing content is ignored', async ({ op }) => {
    const w = await gtrWorld(op);
    const numbered = await createUser(op, w.token, { customAttributes: [{ name: 'badge', values: ['1.50', 'true'] }] });
    let live = await liveLogin(op, w.clients[0], numbered);
    expect((await gtr(op, { auth: w.auth, body: '{"sub_id":{"format":"badge","id":1.50}}' })).status).toBe(204);
    expect(await liveness(op, w.clients[0], live)).toEqual(DEAD);
    live = await liveLogin(op, w.clients[0], numbered);
    expect((await gtr(op, { auth: w.auth, body: '{"sub_id":{"format":"badge","id":true}}' })).status).toBe(204);
    expect(await liveness(op, w.clients[0], live)).toEqual(DEAD);
    expect((await gtr(op, { auth: w.auth, body: `{"sub_id":{"format":"uid","id":"${w.user.userId}","id":"someone-else"}}` })).status).toBe(204);
    await expectAlive(op, w);
    expect((await gtr(op, { auth: w.auth, body: `{"sub_id":{"format":"uid","id":"${w.user.userId}"}} trailing garbage` })).status).toBe(204);
    expect(await liveness(op, w.clients[0], w.logins[0])).toEqual(DEAD);
  });

  test('a 64 KiB id → 204, nothing revoked; a body over 256 KiB → 413', async ({ op }) => {
    const w = await gtrWorld(op);
    await expectEmpty(await gtr(op, { auth: w.auth, body: subject('uid', 'v'.repeat(64 * 1024)) }), 204);
    expect((await gtr(op, { auth: w.auth, body: subject('uid', 'v'.repeat(300 * 1024)) })).status).toBe(413);
    await expectAlive(op, w);
  });
});
