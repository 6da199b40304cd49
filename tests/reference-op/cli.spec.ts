import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

import { expect, startOp, test } from './support';

const MAIN = join(import.meta.dirname, '../../fixtures/reference-op/main.ts');

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return { child, out: () => stdout, err: () => stderr };
}

test('CLI prints one ready JSON line, serves, and stops on SIGTERM', async () => {
  const { child, out } = run({ REFOP_HTTP: 'true', REFOP_FAULTS: 'revoke-noop', REFOP_ADMIN_CLIENT_SECRET: 'cli-secret-value' });
  try {
    await expect.poll(() => out().includes('\n'), { timeout: 20_000 }).toBe(true);
    const first = out().split('\n')[0] ?? '';
    const ready = JSON.parse(first) as { event: string; issuer: string; caFile: string | null; adminClientId: string; faults: string[]; endpoints: string[] };
    expect(ready).toMatchObject({
      event: 'ready',
      adminClientId: 'conformance-admin',
      faults: ['revoke-noop'],
      caFile: null,
      endpoints: ['revoke_session', 'global_token_revocation'],
    });
    const res = await fetch(`${ready.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    await expect.poll(() => out(), { timeout: 5_000 }).toContain('REFOP_ADMIN_CLIENT_SECRET');
    expect(out()).not.toContain('cli-secret-value');
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
});

test('CLI over https reports the CA file', async () => {
  const { child, out } = run({});
  try {
    await expect.poll(() => out().includes('\n'), { timeout: 20_000 }).toBe(true);
    const ready = JSON.parse(out().split('\n')[0] ?? '') as { issuer: string; caFile: string };
    expect(ready.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.caFile).toMatch(/\.pem$/);
    expect(out()).toContain('default conformance-admin-secret');
  } finally {
    child.kill('SIGTERM');
  }
  expect(((await once(child, 'exit')) as [number | null])[0]).toBe(0);
});

for (const [name, env] of [
  ['REFOP_PORT', { REFOP_PORT: 'abc' }],
  ['REFOP_FAULTS', { REFOP_FAULTS: 'no-such-fault' }],
  ['REFOP_HTTP', { REFOP_HTTP: 'maybe' }],
  ['REFOP_FLAG_DELAY_MS', { REFOP_FLAG_DELAY_MS: '-5' }],
  ['REFOP_DISCOVERY_CACHE_MINUTES', { REFOP_DISCOVERY_CACHE_MINUTES: 'soon' }],
  ['REFOP_ENDPOINTS', { REFOP_ENDPOINTS: 'revoke_session,gtr' }],
  ['REFOP_ADMIN_CLIENT_SECRET', { REFOP_HOST: '0.0.0.0' }],
  ['REFOP_ADMIN_CLIENT_SECRET', { REFOP_HOST: '0.0.0.0', REFOP_ADMIN_CLIENT_SECRET: 'conformance-admin-secret' }],
] as const) {
  test(`CLI: bad ${name} (${Object.keys(env).join(', ')}) → one sentence on stderr, exit 2`, async () => {
    const { child, out, err } = run(env);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(out()).toBe('');
    const lines = err()
      .split('\n')
      .filter((l) => l.trim() && !l.includes('oidc-provider WARNING'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(err()).not.toMatch(/\n\s+at /);
  });
}

test('CLI: REFOP_ENDPOINTS picks the build, REFOP_DISCOVERY_CACHE_MINUTES the initial lifetime', async () => {
  const { child, out } = run({ REFOP_HTTP: 'true', REFOP_ENDPOINTS: 'global_token_revocation', REFOP_DISCOVERY_CACHE_MINUTES: '0' });
  try {
    await expect.poll(() => out().includes('\n'), { timeout: 20_000 }).toBe(true);
    const ready = JSON.parse(out().split('\n')[0] ?? '') as { issuer: string; endpoints: string[] };
    expect(ready.endpoints).toEqual(['global_token_revocation']);
    const doc = (await (await fetch(`${ready.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc.global_token_revocation_endpoint).toBe(`${ready.issuer}/jans-auth/restv1/global-token-revocation`);
    expect(doc.session_revocation_endpoint).toBeUndefined();
  } finally {
    child.kill('SIGTERM');
  }
  expect(((await once(child, 'exit')) as [number | null])[0]).toBe(0);
});

test('startReferenceOp refuses a non-loopback host with the default admin secret, not with one of its own', async () => {
  await expect(startOp({ host: '0.0.0.0' })).rejects.toThrow(/REFOP_ADMIN_CLIENT_SECRET/);
  await expect(startOp({ host: '0.0.0.0', adminClientSecret: 'conformance-admin-secret' })).rejects.toThrow(/REFOP_ADMIN_CLIENT_SECRET/);
  const op = await startOp({ host: '0.0.0.0', adminClientSecret: 'a-secret-of-my-own' });
  await op.close();
  const local = await startOp({ host: 'localhost' });
  await local.close();
});

test('CLI: REFOP_NODES and REFOP_NODE_CACHE_MS; the ready line lists the node URLs', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../fixtures/reference-op/main.ts')], {
    env: { ...process.env, REFOP_HTTP: 'true', REFOP_NODES: '2', REFOP_NODE_CACHE_MS: '700' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  try {
    await expect.poll(() => stdout.includes('\n'), { timeout: 20_000 }).toBe(true);
    const ready = JSON.parse(stdout.split('\n')[0] ?? '') as { issuer: string; nodeUrls: string[]; gtrProfile: string };
    expect(ready.nodeUrls).toHaveLength(2);
    expect(ready.gtrProfile).toBe('janssen');
    for (const url of [ready.issuer, ...ready.nodeUrls]) expect((await fetch(`${url}/.well-known/openid-configuration`)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
  expect(((await once(child, 'exit')) as [number | null])[0]).toBe(0);
});

test('CLI: REFOP_GTR_PROFILE and REFOP_GTR_SUBJECT_MEMBER; the ready line says the profile; a wrong value exits 2', async () => {
  const main = join(import.meta.dirname, '../../fixtures/reference-op/main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, REFOP_HTTP: 'true', REFOP_GTR_PROFILE: 'draft', REFOP_GTR_SUBJECT_MEMBER: 'subject', REFOP_FAULTS: 'draft-keeps-sessions' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  try {
    await expect.poll(() => stdout.includes('\n'), { timeout: 20_000 }).toBe(true);
    const ready = JSON.parse(stdout.split('\n')[0] ?? '') as { gtrProfile: string; endpoints: string[]; faults: string[] };
    expect(ready).toMatchObject({ gtrProfile: 'draft', endpoints: ['global_token_revocation'], faults: ['draft-keeps-sessions'] });
  } finally {
    child.kill('SIGTERM');
  }
  expect(((await once(child, 'exit')) as [number | null])[0]).toBe(0);
  for (const env of [{ REFOP_GTR_PROFILE: 'okta' }, { REFOP_GTR_SUBJECT_MEMBER: 'subj' }, { REFOP_FAULTS: 'draft-keeps-sessions' }]) {
    const bad = spawn(process.execPath, ['--import', 'tsx', main], { env: { ...process.env, REFOP_HTTP: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bad.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    expect(((await once(bad, 'exit')) as [number | null])[0], JSON.stringify(env)).toBe(2);
    expect(stderr).toMatch(/REFOP_GTR_PROFILE|REFOP_GTR_SUBJECT_MEMBER|draft profile/);
  }
});
