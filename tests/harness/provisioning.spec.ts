import { readdirSync, readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { basicAuth, formBody } from '../../fixtures/access/encoding';
import { HttpClient } from '../../fixtures/access/http';
import { snapshotOf } from '../../fixtures/flows/flag-switch';
import { opEnv, readConformance, runSuite, startOpProcess, type OpProcess } from './support';

/**
 * Provisioning mode end to end against the reference OP started on its own (as `npm run
 * reference-op` does) and set up as a stock Janssen is: configuration changes reach the auth
 * server at its next reload (a timer, here 3 s), and discovery is served from a cache kept for 60
 * minutes that a flag change does not evict. The harness is given only the issuer, the admin
 * credentials and the CA file. featureFlags and discoveryCacheLifetimeInMinutes must be
 * byte-identical after every run, also after a Ctrl-C in the flag phase, and after a SIGKILL once
 * the next run has started.
 */
test.describe.configure({ mode: 'parallel' });

const FLAGS = 'revoke_session,global_token_revocation,status_session,end_session,userinfo';
const values = async (op: OpProcess) => JSON.stringify(snapshotOf(await op.configApi().authConfig()), ['featureFlags', 'discoveryCacheLifetimeInMinutes']);

/** The users (uids) and clients (names) the harness made that the OP holds now, read through its Config API. */
async function harnessEntities(op: OpProcess): Promise<{ users: string[]; clients: string[] }> {
  const http = new HttpClient({ caFile: op.caFile, insecure: false });
  const token = await http.request({
    method: 'POST',
    url: `${op.issuer}/jans-auth/restv1/token`,
    headers: { authorization: basicAuth(op.adminClientId, op.adminClientSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody({
      grant_type: 'client_credentials',
      scope: 'https://jans.io/oauth/config/user.readonly https://jans.io/oauth/config/openid/clients.readonly',
    }),
  });
  const headers = { authorization: `Bearer ${(JSON.parse(token.body) as { access_token: string }).access_token}`, accept: 'application/json' };
  const list = async (path: string) =>
    (JSON.parse((await http.request({ method: 'GET', url: `${op.issuer}/jans-config-api${path}`, headers })).body) as { entries: Record<string, string>[] })
      .entries;
  return {
    users: (await list('/mgt/configuser?pattern=rsconf-&limit=200')).map((u) => u.userId ?? '').filter((uid) => uid.startsWith('rsconf-')),
    clients: (await list('/api/v1/openid/clients?pattern=rs-conformance&limit=200'))
      .map((c) => c.clientName ?? '')
      .filter((name) => name.startsWith('rs-conformance')),
  };
}

/** `pid` and every process below it (Linux /proc), so that a kill takes the workers too, as an OOM kill of the job or a cancelled CI job does. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i] as number) ?? []));
  return tree;
}

test('a stock setup (reload timer, cached discovery): PASS, RS-FLAG-6 warns with the staleness seen, values as found', async () => {
  test.setTimeout(600_000);
  const op = await startOpProcess({ REFOP_FEATURE_FLAGS: FLAGS, REFOP_FLAG_DELAY_MS: '3000' });
  try {
    const before = await values(op);
    expect(JSON.parse(before)).toEqual({ featureFlags: FLAGS.split(','), discoveryCacheLifetimeInMinutes: 60 });
    const run = await runSuite([], { ...opEnv(op), JANS_FLAG_TIMEOUT_MS: '20000' });
    expect(run.code, run.output.slice(-4000)).toBe(0);
    const report = readConformance(run.reportsDir);
    expect(report.overall).toBe('PASS');
    const byId = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
    expect(report.requirements.filter((r) => ['FAIL', 'ERROR'].includes(r.verdict))).toEqual([]);
    expect(byId['RS-FLAG-1']?.verdict).toBe('PASS');
    expect(byId['RS-FLAG-6']?.verdict).toBe('WARNING');
    expect(JSON.stringify(byId['RS-FLAG-6'])).toMatch(/discovery stayed stale for \d+ ms after the reload until a forced rebuild/);
    expect(await values(op), 'featureFlags and discoveryCacheLifetimeInMinutes byte-identical after the run').toBe(before);
  } finally {
    await op.stop();
  }
});

/**
 * Runs the flag phase and sends `signal` as soon as the harness has switched a flag off (and, when
 * given, `also` holds). SIGKILL goes to the runner and its workers at once: nobody gets to clean up.
 */
async function interruptFlagPhase(signal: NodeJS.Signals, options: { reportsDir?: string; also?: (op: OpProcess) => Promise<boolean> } = {}) {
  const op = await startOpProcess({ REFOP_FEATURE_FLAGS: FLAGS });
  const before = await values(op);
  let sent = false;
  const run = await runSuite(
    ['--project', 'feature-flag'],
    { ...opEnv(op), JANS_FLAG_TIMEOUT_MS: '20000' },
    {
      reportsDir: options.reportsDir,
      onOutput: (_text, child) => {
        void Promise.all([values(op), options.also?.(op) ?? true]).then(([now, also]) => {
          if (!sent && now !== before && also && child.exitCode === null) {
            sent = true;
            if (signal !== 'SIGKILL' || child.pid === undefined) return void child.kill(signal);
            for (const pid of processTree(child.pid)) {
              try {
                process.kill(pid, 'SIGKILL');
              } catch {
                // already gone
              }
            }
          }
        });
      },
    },
  );
  return { op, before, sent, run };
}

test('a run interrupted during the flag phase restores the values exactly (Ctrl-C)', async () => {
  test.setTimeout(300_000);
  const { op, before, sent, run } = await interruptFlagPhase('SIGINT');
  try {
    expect(sent, run.output.slice(-2000)).toBe(true);
    expect(run.code).not.toBe(0);
    expect(await values(op)).toBe(before);
  } finally {
    await op.stop();
  }
});

test('a run killed outright (workers and all) is repaired by the next run before it tests anything: values, users and clients', async () => {
  test.setTimeout(300_000);
  // Killed once the flag phase's worker has users and clients of its own on the OP.
  const workersMadeSome = async (op: OpProcess) => {
    const made = await harnessEntities(op);
    return made.users.length > 0 && made.clients.length > 0;
  };
  const { op, before, sent, run } = await interruptFlagPhase('SIGKILL', { also: workersMadeSome });
  try {
    expect(sent, run.output.slice(-2000)).toBe(true);
    expect(await values(op)).not.toBe(before);
    const left = await harnessEntities(op);
    expect(left.users.length, 'the killed run left users behind').toBeGreaterThan(0);
    expect(left.clients.length, 'the killed run left clients behind').toBeGreaterThan(0);
    const second = await runSuite(['--grep', 'RS-DISC-1'], opEnv(op), { reportsDir: run.reportsDir });
    expect(second.output).toContain('Restoring values left changed by an interrupted run');
    expect(second.output).toMatch(/Removing \d+ user\(s\) and client\(s\) left by an interrupted run/);
    expect(second.code, second.output.slice(-2000)).toBe(0);
    expect(await values(op)).toBe(before);
    expect(await harnessEntities(op), `none of ${JSON.stringify(left)} (nor the second run's own) is left`).toEqual({ users: [], clients: [] });
  } finally {
    await op.stop();
  }
});
