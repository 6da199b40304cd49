import { expect, test } from '@playwright/test';
import { addEvidence, attachExchange, harnessError } from '../../../fixtures/evidence';
import { registerSecret } from '../../../fixtures/reporting/redact';
import { MARKUP_PAYLOAD } from '../../../fixtures/reference-op/hostile/markup';
import { req } from '../../../fixtures/requirements';

/**
 * Synthetic checks with known outcomes, one per verdict the reporter must produce.
 * SAMPLE_MUST_FAILS=1 makes the MUST check RS-DISC-1 fail; SAMPLE_SECRET is a secret the
 * tests handle and must never reach a report.
 */
const secret = process.env.SAMPLE_SECRET ?? 'sample-client-secret-0001';

test('MUST check RS-DISC-1', req('RS-DISC-1'), () => {
  expect(process.env.SAMPLE_MUST_FAILS === '1' ? 404 : 200, 'discovery status').toBe(200);
});

test('SHOULD check RS-DISC-3 fails', req('RS-DISC-3'), () => {
  expect('https://other.example', 'endpoint origin').toBe('https://op.sample.test');
});

test('INFO check RS-AUTH-7 fails but only informs', req('RS-AUTH-7'), ({}, testInfo) => {
  addEvidence(testInfo, 'Bearer token of the client was refused with 401');
  expect(401).toBe(200);
});

test('SHOULD check RS-FLAG-4 is skipped', req('RS-FLAG-4'), () => {
  test.skip(true, 'no admin access: cannot switch the feature flag');
});

test('MUST check RS-PROTO-2 passes and handles a secret', req('RS-PROTO-2', 'RS-PROTO-5'), async ({}, testInfo) => {
  registerSecret(secret);
  const basic = Buffer.from(`client-1:${secret}`).toString('base64');
  await attachExchange(testInfo, '', {
    request: {
      method: 'POST',
      url: `https://op.sample.test/jans-auth/restv1/revoke_session?client_secret=${encodeURIComponent(secret)}`,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `user_criterion_key=uid&user_criterion_value=&client_secret=${encodeURIComponent(secret)}`,
    },
    response: { status: 200, headers: { 'set-cookie': `session_id=${secret}; Path=/` }, body: '' },
    durationMs: 12,
  });
  addEvidence(testInfo, `no 5xx for blank parameters (secret ${secret} used)`);
  if (process.env.SAMPLE_PRINT_SECRET === '1') console.log(`debug: client_secret=${secret}`);
});

test('MUST check RS-REV-6 the harness could not arrange', req('RS-REV-6'), ({}, testInfo) => {
  if (process.env.SAMPLE_HARNESS_ERROR === '1')
    throw harnessError(testInfo, 'The harness could not create a user: the Config API refused POST /mgt/configuser (403)');
});

test('harness self-check outside the catalogue', () => {
  expect(process.env.SAMPLE_UNMAPPED_FAILS === '1' ? 'broken' : 'ok').toBe('ok');
});

/**
 * SAMPLE_MARKUP=1: a check whose error and evidence carry what a hostile target sends
 * (MARKUP_PAYLOAD), and whose error's first line, JUnit's `message` attribute, names credentials
 * in the shapes the redaction patterns match (an Authorization header, a cookie) beside quotes and
 * angle brackets: the reports must stay well-formed and inert.
 */
if (process.env.SAMPLE_MARKUP === '1') {
  test('MUST check RS-PROTO-1 quotes a hostile target', req('RS-PROTO-1'), async ({}, testInfo) => {
    const creds = Buffer.from(`client-1:${secret}`).toString('base64');
    addEvidence(testInfo, `error answers: 401 invalid_client${MARKUP_PAYLOAD}`);
    // Live stdout goes to the console unfiltered (see hygiene-reporter.ts): only JUnit's copy is judged here.
    console.log(`> Authorization: Basic ${creds}">\n< Set-Cookie: session_id=${secret}"/><![CDATA[ ]]>`);
    await test.step(`POST with error${MARKUP_PAYLOAD.replace(/\n/g, ' ')}`, () => undefined);
    expect(`invalid_client${MARKUP_PAYLOAD}`, `sent Authorization: Basic ${creds}"> and Cookie: session_id=${secret}" /> <x a='1'> & the target answered`).toBe(
      'invalid_client',
    );
  });
}

/**
 * SAMPLE_WORKER_SECRET=<value>: a secret only this worker registers, which then appears bare where
 * no pattern can recognise it — the error message, an annotation, a step title, an attachment name.
 * The runner's reporters learn it from the worker's digests, or it leaks.
 */
const workerSecret = process.env.SAMPLE_WORKER_SECRET;
if (workerSecret) {
  test('MUST check RS-REV-1 meets a secret the worker registered', req('RS-REV-1'), async ({}, testInfo) => {
    registerSecret(workerSecret);
    testInfo.annotations.push({ type: 'note', description: `raw ${workerSecret}` });
    await testInfo.attach(`body ${workerSecret}`, { body: `{"v":"${workerSecret}"}`, contentType: 'application/json' });
    await test.step(`call with ${workerSecret}`, () => undefined);
    expect(`got ${workerSecret}`, 'the target echoed a token').toBe('nothing');
  });
}
