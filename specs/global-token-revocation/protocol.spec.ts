import { expect, refusedSideBySide, req, test, unknownUser, type SubjectIdentifier } from '../../fixtures/test';

const body = (format: string, id: string) => JSON.stringify({ sub_id: { format, id } });

/** `subject` with its value made `extra` characters longer (an email's local part). */
function padded(subject: SubjectIdentifier, extra: number): SubjectIdentifier {
  const pad = 'a'.repeat(extra);
  if (subject.format === 'email') return { ...subject, email: subject.email.replace('@', `${pad}@`) };
  return subject.format === 'iss_sub' ? { ...subject, sub: `${subject.sub}${pad}` } : { ...subject, id: `${subject.id}${pad}` };
}

test.describe('protocol hygiene and hostile input', () => {
  /** Hostile calls side by side: each on a live victim of its own, one wait of the grace period for all (refusedSideBySide). */
  test(
    'hostile calls revoke nothing: GET, PUT and DELETE or a JSON body of another media type are not 2xx; malformed bodies → 400 invalid_request; {}, null and an oversized id do not fail the server',
    req('GTR-PROTO-1', 'GTR-PROTO-2', 'GTR-PROTO-3', 'GTR-PROTO-4'),
    async ({ target, endpoint, profile, arrange, act, probe, verdict }) => {
      const janssen = profile === 'janssen';
      await refusedSideBySide({ endpoint, arrange, probe, verdict }, [
        {
          id: 'GTR-PROTO-1',
          title: 'GET, PUT and DELETE with valid credentials are not 2xx (janssen: 405)',
          refuse: async ({ user }) => {
            for (const method of ['GET', 'PUT', 'DELETE']) {
              const response = await act.revoke({ method, user });
              expect(response.status, `${method} must not succeed`).toBeGreaterThanOrEqual(300);
              if (janssen) expect(response.status, `${method}: Janssen declares POST only (405)`).toBe(405);
              verdict.evidence(`${method} → ${response.status}`);
            }
          },
        },
        {
          id: 'GTR-PROTO-2',
          title: 'a valid JSON body as text/plain, as a form or without Content-Type is not 2xx (janssen: 415)',
          refuse: async ({ user }) => {
            const { body: json } = await act.requestFor(user);
            for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', null]) {
              const response = await act.revoke({ rawBody: json, contentType });
              expect(response.status, `Content-Type ${contentType ?? '(none)'} must not succeed`).toBeGreaterThanOrEqual(300);
              if (janssen) expect(response.status, `Content-Type ${contentType ?? '(none)'}: @Consumes(application/json) → 415`).toBe(415);
              verdict.evidence(`Content-Type ${contentType ?? '(none)'} → ${response.status}`);
            }
          },
        },
        {
          id: 'GTR-PROTO-3',
          title: 'malformed bodies → 400 invalid_request',
          refuse: async ({ user }) => {
            const { body: json } = await act.requestFor(user);
            const subject = janssen ? undefined : await act.subject(user);
            const bodies: [string, string][] = [
              ['not JSON', subject ? `${target.config.draft.subjectMember}=${subject.format}:${user.mail}` : `sub_id=uid:${user.uid}`],
              ['truncated JSON', json.slice(0, -2)],
              ['a JSON array', `[${json}]`],
            ];
            // The draft asks for one member and says nothing of others: a server may ignore them.
            if (janssen) bodies.push(['an unknown member beside sub_id', JSON.stringify({ sub_id: { format: 'uid', id: user.uid }, extra: 1 })]);
            // An empty body names nobody; a server that took it for "everybody" would revoke users the harness does not own.
            if (target.config.unscopedProbes) bodies.push(['an empty body', '']);
            else
              verdict.evidence('empty body not sent: it could match users the harness did not create (JANS_UNSCOPED_PROBES=true on a dedicated test server)');
            for (const [what, raw] of bodies) {
              const response = await act.revoke({ rawBody: raw, contentType: 'application/json' });
              expect(response.status, `${what} → 400`).toBe(400);
              if (janssen) expect(response.json?.error, `${what}: invalid_request`).toBe('invalid_request');
            }
          },
        },
        {
          id: 'GTR-PROTO-4',
          title: '{}, null and {"sub_id":null} (status reported); an oversized id does not fail the server',
          refuse: async ({ user }) => {
            if (target.config.unscopedProbes) {
              for (const raw of ['{}', 'null', `{"${janssen ? 'sub_id' : target.config.draft.subjectMember}":null}`]) {
                const response = await act.revoke({ rawBody: raw, contentType: 'application/json' });
                verdict.evidence(`${raw} → ${response.status}${janssen ? ' (Janssen: 500, a NullPointerException)' : ''}`);
                if (!janssen)
                  await verdict.should('GTR-PROTO-4', `${raw} → 400`, () => {
                    expect(response.status, `${raw} → ${response.status}; the draft expects 400`).toBe(400);
                  });
              }
            } else
              verdict.evidence(
                '{}, null and {"sub_id":null} not sent: they name nobody and could match users the harness did not create (JANS_UNSCOPED_PROBES=true on a dedicated test server)',
              );
            const oversized = janssen
              ? await act.revoke({ key: 'uid', value: `${user.uid}${'a'.repeat(64 * 1024)}` })
              : await act.revoke({ subject: padded(await act.subject(user), 64 * 1024) });
            await verdict.should('GTR-PROTO-4', 'an id of 64 KiB does not fail the server', () => {
              expect(oversized.status, `an id of 64 KiB → ${oversized.status}`).toBeLessThan(500);
            });
            verdict.evidence(`an id of 64 KiB → ${oversized.status}`);
          },
        },
      ]);
    },
  );

  test('RFC 9493 subject identifiers never revoke the wrong user', req('GTR-PROTO-5'), async ({ target, profile, arrange, act, probe, verdict }) => {
    if (profile !== 'janssen') {
      // The draft: each RFC 9493 format names exactly its user or is refused as unsupported; a format
      // the draft does not know (Janssen's uid), or one without its members, is refused, and names nobody.
      const [byEmail, byIssSub, byOpaque] = [await arrange.liveVictim(), await arrange.liveVictim(), await arrange.liveVictim()];
      const refused: [string, string][] = [
        ['an unsupported format (uid)', JSON.stringify({ [target.config.draft.subjectMember]: { format: 'uid', id: byEmail.user.uid } })],
        ['email without its member', JSON.stringify({ [target.config.draft.subjectMember]: { format: 'email', id: byEmail.user.mail } })],
      ];
      for (const [what, raw] of refused) {
        const response = await act.revoke({ rawBody: raw, contentType: 'application/json' });
        verdict.evidence(`${what} → ${response.status}`);
        expect(response.status, `${what} → 400 (draft §3.4.2)`).toBe(400);
      }
      const iss = (await act.subject(byOpaque.user, 'iss_sub')) as Extract<SubjectIdentifier, { format: 'iss_sub' }>;
      const foreign = await act.revoke({ subject: { ...iss, iss: 'https://rs-conformance.invalid' } });
      verdict.evidence(`iss_sub of another issuer → ${foreign.status}`);
      await probe.expectUntouched(...byEmail.sessions, ...byIssSub.sessions, ...byOpaque.sessions);
      // Each format in turn, on a victim of its own: the others are its bystanders.
      const left = [byEmail, byIssSub, byOpaque];
      for (const format of ['email', 'iss_sub', 'opaque'] as const) {
        const victim = left.shift() as (typeof left)[number];
        const response = await act.revoke({ subject: await act.subject(victim.user, format) });
        verdict.evidence(`${format} → ${response.status}`);
        if (format === target.config.draft.subjectFormat) expect(response.status, `${format}, the run's format, must be supported: 204`).toBe(204);
        // 422: the server cannot log the user out this way (draft §3.4.2).
        expect([204, 400, 422], `${format}: a supported format → 204, an unsupported one → 400`).toContain(response.status);
        if (response.status === 204) await probe.expectRevoked(...victim.sessions);
        if (left.length > 0) await probe.expectUntouched(...left.flatMap((v) => v.sessions));
      }
      return;
    }
    const victim = await arrange.liveVictim();
    const bystander = await arrange.liveVictim();
    const email = await act.revoke({ rawBody: JSON.stringify({ sub_id: { format: 'email', email: victim.user.mail } }), contentType: 'application/json' });
    const issSub = await act.revoke({
      rawBody: JSON.stringify({ sub_id: { format: 'iss_sub', iss: target.issuer, sub: victim.user.uid } }),
      contentType: 'application/json',
    });
    const emailAsAttribute = await act.revoke({ rawBody: body('email', victim.user.mail), contentType: 'application/json' });
    verdict.evidence(`{"format":"email","email":…} → ${email.status}; iss_sub → ${issSub.status}; {"format":"email","id":…} → ${emailAsAttribute.status}`);
    expect(email.status, 'members other than format/id are unknown to Janssen: 400').toBe(400);
    expect(issSub.status, 'iss_sub: 400').toBe(400);
    expect(emailAsAttribute.status, '"email" is no Janssen attribute: no user, 204').toBe(204);
    await probe.expectUntouched(...victim.sessions);
    await probe.expectUntouched(...bystander.sessions);
  });

  test(
    'OAuth error answers are JSON objects with a string error; the 204 has an empty body',
    req('GTR-PROTO-6'),
    async ({ profile, arrange, act, verdict }) => {
      await verdict.judge('GTR-PROTO-6', test.info().title, async () => {
        const user = await arrange.user();
        const revoker = await arrange.client('revoker');
        const nobody = unknownUser();
        const errors = [
          await act.revoke({ auth: { kind: 'none' }, user: nobody }),
          await act.revoke({ auth: { kind: 'basic', client: { ...revoker, clientSecret: 'wrong-secret' } }, user: nobody }),
          await act.revoke({ auth: { kind: 'basic', client: await arrange.client('no-scope') }, user: nobody }),
          await act.revoke({ rawBody: `[${(await act.requestFor(nobody)).body}]`, contentType: 'application/json' }),
        ];
        for (const response of errors) {
          expect(response.status, 'an error answer').toBeGreaterThanOrEqual(400);
          // The draft defines no error bodies (docs/behaviour/draft.md#what-the-draft-asks): an empty one is as good as any.
          if (profile !== 'janssen') continue;
          expect(response.headers['content-type'], `${response.status} must be served as JSON`).toMatch(/^application\/json/i);
          expect(typeof response.json?.error, `${response.status} body must be a JSON object with a string error: ${response.body.slice(0, 80)}`).toBe(
            'string',
          );
        }
        const ok = await act.revokeUser(user);
        expect(ok.status).toBe(204);
        expect(ok.body, 'the 204 has an empty body').toBe('');
        verdict.evidence(
          profile === 'janssen'
            ? `error answers: ${errors.map((e) => `${e.status} ${String(e.json?.error)}`).join(', ')}; the 403 of a disabled flag is checked in the flag phase`
            : `error answers: ${errors.map((e) => e.status).join(', ')} (their bodies are not judged: the draft defines none)`,
        );
      });
    },
  );
});
