import { decodeJwt } from 'jose';
import { byEmail, byIssSub, byOpaque, type Check, draftWorld, expectUntouched, refusedWith, revokeByEmail, revoker, victim } from './draft-support';
import { gtr } from './gtr-support';
import { promptNone, sessionState } from './login-support';
import { expect, expectEmpty, form, redeem, refresh, tokenFor, userinfo } from './support';

/**
 * The draft profile's checks of what a revocation does and whom it names (draft.spec.ts runs them
 * against a conformant draft OP and shows each draft fault failing one).
 */

export const EFFECT_CHECKS = {
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
} satisfies Record<string, Check>;
