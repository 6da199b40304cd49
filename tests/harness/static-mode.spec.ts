import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { test, expect } from '@playwright/test';
import { randomSecret, uniqueTag } from '../../fixtures/access/provisioning';
import { newReportsDir, readConformance, runSuite, startOpProcess, type OpProcess } from './support';

/**
 * Static mode: a target where the harness has no admin rights. An operator provisions users and
 * clients and lists them in a YAML file (here the test plays the operator through the Config API,
 * creating ordinary clients, not trusted ones, as Janssen's TUI and CLI do by default); the harness
 * runs everything it can and skips the flag phase with its reason.
 */
test.describe.configure({ mode: 'parallel' });

/**
 * `prefix`: the file declares user_prefix. `outsidePrefix`: the twins' shared givenName and the mails
 * do not carry it, and a real (unlisted) user bears the same givenName — the one a first-match
 * revocation by that givenName could pick. `workers`: the run's workers, each given what a full
 * run needs: two users sharing a givenName and two more. `loginGrants`: the login clients' grant
 * types (the file still says they are registered for refresh tokens).
 */
async function staticTarget(op: OpProcess, options: { prefix: boolean; outsidePrefix?: boolean; workers?: number; loginGrants?: string[] }): Promise<string> {
  const api = op.configApi();
  const redirectUri = 'https://127.0.0.1/rs-conformance/callback';
  const tag = uniqueTag();
  const prefix = `rsconf-static-${tag}-`;
  const twinName = options.outsidePrefix ? `Twin${tag}` : `${prefix}twin`;
  const users = [];
  // Letters, not digits: no uid is another's near-miss value (RS-MATCH-3 drops or changes the last character).
  for (const [w, letters] of ['abcd', 'efgh', 'ijkl', 'mnop'].slice(0, options.workers ?? 1).entries()) {
    for (const [i, name] of [...letters].entries()) {
      // The first two of each worker's four share a givenName.
      const givenName = i < 2 ? `${twinName}${w === 0 ? '' : w}` : `${prefix}${name}`;
      const mail = options.outsidePrefix ? `static-${tag}-${name}@rs-conformance.invalid` : `${prefix}${name}@rs-conformance.invalid`;
      const user = { uid: `${prefix}${name}`, password: randomSecret(), mail, givenName, displayName: `static ${name}` };
      await api.createUser({ userId: user.uid, ...user });
      users.push(user);
    }
  }
  if (options.outsidePrefix) {
    await api.createUser({
      userId: `jdoe-${tag}`,
      password: randomSecret(),
      mail: `jdoe-${tag}@rs-conformance.invalid`,
      givenName: twinName,
      displayName: 'J. Doe, not listed',
    });
  }
  const client = async (grant: string[], scopes: string[], method: 'client_secret_basic' | 'client_secret_post' = 'client_secret_basic') => {
    const created = await api.createClient({
      clientName: `static ${grant.join(' ')} ${scopes.join(' ')}`,
      redirectUris: [redirectUri],
      grantTypes: grant,
      responseTypes: grant.includes('authorization_code') ? ['code'] : [],
      tokenEndpointAuthMethod: method,
      scopes,
      trustedClient: false,
    });
    return { client_id: created.inum, client_secret: created.clientSecret };
  };
  const login = options.loginGrants ?? ['authorization_code', 'refresh_token'];
  const file = join(newReportsDir(), 'target.yaml');
  writeFileSync(
    file,
    dump({
      issuer: op.issuer,
      ...(options.prefix ? { user_prefix: prefix } : {}),
      users,
      clients: {
        login: { ...(await client(login, ['openid', 'profile', 'email', 'offline_access'])), redirect_uri: redirectUri, refresh_tokens: true },
        login_b: { ...(await client(login, ['openid', 'profile', 'email', 'offline_access'])), redirect_uri: redirectUri, refresh_tokens: true },
        revoker: await client(['client_credentials'], ['openid', 'revoke_session']),
        revoker_post: await client(['client_credentials'], ['openid', 'revoke_session'], 'client_secret_post'),
        gtr_revoker: await client(['client_credentials'], ['openid', 'global_token_revocation']),
        no_scope: await client(['client_credentials'], ['openid']),
      },
    }),
  );
  return file;
}

interface Step {
  name?: string;
  stop?: number;
  steps?: Step[];
}

/**
 * What each test of a run held, read from its Allure result: the listed users it logged in (its
 * login steps), from its start to its last step (the teardown that gives them back included).
 */
function holdings(reportsDir: string): { name: string; from: number; to: number; uids: Set<string> }[] {
  const dir = join(reportsDir, 'allure-results');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('-result.json'))
    .map((file) => {
      const result = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Step & { name: string; start: number; stop: number };
      const uids = new Set<string>();
      let to = result.stop;
      const walk = (steps: Step[]) => {
        for (const step of steps) {
          const login = /^login (\S+) through the login page$/.exec(step.name ?? '');
          if (login) uids.add(login[1] as string);
          to = Math.max(to, step.stop ?? 0);
          walk(step.steps ?? []);
        }
      };
      walk(result.steps ?? []);
      return { name: result.name, from: result.start, to, uids };
    });
}

test('static mode runs on pre-provisioned users and skips what needs admin rights', async () => {
  test.setTimeout(600_000);
  const op = await startOpProcess();
  try {
    // Two workers, each lending its own half of the file.
    const file = await staticTarget(op, { prefix: true, workers: 2 });
    const run = await runSuite([], { JANS_ISSUER: op.issuer, JANS_TARGET_FILE: file, JANS_CA_FILE: op.caFile, JANS_WORKERS: '2' });
    // No two tests that ran at the same time ever held the same user; checked before the exit code, which a shared user would also spoil.
    const held = holdings(run.reportsDir).filter((h) => h.uids.size > 0);
    // 18 tests log users in since the refusals of a group share one test (fixtures/per-test/side-by-side.ts).
    expect.soft(held.length, 'the login steps are what this reads').toBeGreaterThan(12);
    let sideBySide = 0;
    for (const [i, a] of held.entries()) {
      for (const b of held.slice(i + 1)) {
        if (a.from >= b.to || b.from >= a.to) continue;
        sideBySide++;
        expect(
          [...a.uids].filter((uid) => b.uids.has(uid)),
          `"${a.name}" and "${b.name}" ran at the same time`,
        ).toEqual([]);
      }
    }
    expect.soft(sideBySide, 'tests ran side by side').toBeGreaterThan(0);
    expect(run.code, run.output.slice(-4000)).toBe(0);
    const report = readConformance(run.reportsDir);
    expect(report.target.mode).toBe('static');
    const verdicts = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
    for (const id of ['RS-FLAG-1', 'RS-FLAG-2', 'RS-FLAG-3', 'RS-FLAG-4', 'RS-FLAG-5', 'RS-FLAG-6']) {
      expect(verdicts[id]?.verdict, id).toBe('SKIPPED');
      expect(JSON.stringify(verdicts[id])).toContain('static mode cannot switch feature flags (no admin access)');
    }
    for (const id of ['RS-REV-1', 'RS-REV-10', 'RS-MATCH-1', 'RS-MATCH-2', 'RS-MATCH-3', 'RS-AUTH-4', 'RS-AUTH-6', 'GTR-REV-8'])
      expect(verdicts[id]?.verdict, id).toBe('PASS');
    // Ordinary clients: the logins asked for consent and got refresh tokens, so every token check was judged.
    expect(report.target.preflight?.refreshTokens).toEqual({
      asked: true,
      issued: true,
      note: 'a login with scope offline_access (prompt=consent, consent given on the page) yields a refresh token',
    });
    for (const id of ['GTR-TOK-1', 'GTR-TOK-2', 'GTR-TOK-3', 'GTR-REV-1', 'GTR-REV-4', 'GTR-REV-5', 'GTR-REV-6'])
      expect(verdicts[id]?.verdict, id).toBe('PASS');
    expect(verdicts['GTR-TOK-4']?.verdict).toBe('INFO');
  } finally {
    await op.stop();
  }
});

test('without a declared user prefix, near-miss and hostile values and the shared givenName are not sent', async () => {
  test.setTimeout(300_000);
  const op = await startOpProcess();
  try {
    const file = await staticTarget(op, { prefix: false });
    const run = await runSuite(['--grep', 'RS-MATCH-1|RS-MATCH-2|RS-MATCH-3'], { JANS_ISSUER: op.issuer, JANS_TARGET_FILE: file, JANS_CA_FILE: op.caFile });
    expect(run.code, run.output.slice(-3000)).toBe(0);
    const checks = readConformance(run.reportsDir).requirements.filter((x) => ['RS-MATCH-1', 'RS-MATCH-2', 'RS-MATCH-3'].includes(x.id));
    expect(checks).toHaveLength(3);
    for (const r of checks) {
      expect(r.verdict, r.id).toBe('SKIPPED');
      expect(r.reason).toContain('declares no user_prefix');
    }
  } finally {
    await op.stop();
  }
});

test('a givenName or mail without the user prefix is never sent as a criterion: those checks are SKIPPED, naming the fix', async () => {
  test.setTimeout(300_000);
  const op = await startOpProcess();
  try {
    const file = await staticTarget(op, { prefix: true, outsidePrefix: true });
    const run = await runSuite(['--grep', 'RS-MATCH-1|GTR-REV-8|RS-REV-10'], { JANS_ISSUER: op.issuer, JANS_TARGET_FILE: file, JANS_CA_FILE: op.caFile });
    expect(run.code, run.output.slice(-3000)).toBe(0);
    const byId = Object.fromEntries(readConformance(run.reportsDir).requirements.map((r) => [r.id, r]));
    for (const id of ['RS-MATCH-1', 'GTR-REV-8']) {
      expect(byId[id]?.verdict, id).toBe('SKIPPED');
      expect(byId[id]?.reason, id).toMatch(
        /no two listed users share a givenName that starts with user_prefix "rsconf-static-[^"]*" \(a real user could bear any other\): give two listed users the same givenName starting with the prefix/,
      );
    }
    // The mail criterion (RS-REV-10) is stopped where every criterion is sent (the `act` fixture's revoke).
    expect(byId['RS-REV-10']?.verdict).toBe('SKIPPED');
    expect(byId['RS-REV-10']?.reason).toMatch(
      /mail "static-.*" does not start with user_prefix "rsconf-static-.*", so a real user could share it: give the listed users mail values that start with the prefix/,
    );
  } finally {
    await op.stop();
  }
});

test('a target that issues the login client no refresh token: the preflight says what to change once, the refresh-token checks are ERROR with it, the rest is judged', async () => {
  test.setTimeout(300_000);
  const op = await startOpProcess();
  try {
    // The operator forgot the refresh_token grant; the file says the clients are registered for refresh tokens.
    const file = await staticTarget(op, { prefix: true, loginGrants: ['authorization_code'] });
    const run = await runSuite(['--grep', '@GTR-(REV-1|AUTH-1|AUTH-4)( |$)'], { JANS_ISSUER: op.issuer, JANS_TARGET_FILE: file, JANS_CA_FILE: op.caFile });
    const report = readConformance(run.reportsDir);
    const sentence = report.target.preflight?.refreshTokens?.note ?? '';
    expect(report.target.preflight?.refreshTokens, run.output.slice(-3000)).toMatchObject({ asked: true, issued: false });
    expect(sentence).toMatch(
      /^The login client in JANS_TARGET_FILE \(clients\.login, [^)]+\) got no refresh token for a login with scope offline_access \(prompt=consent, consent given on the page\): offline_access was granted, so add the grant type refresh_token to the client; GTR-TOK-2 and the refresh-token parts of GTR-REV-4 and GTR-REV-5 end ERROR until then\.$/,
    );
    // Said once by the preflight, and carried in full by GTR-TOK-2 alone (the summary's line for it).
    const saying = run.output.split('\n').filter((line) => line.includes(sentence));
    expect(saying.map((line) => (line.trim() === sentence ? 'preflight' : /^\s*ERROR\s+GTR-TOK-2 /.test(line) ? 'GTR-TOK-2' : line))).toEqual([
      'preflight',
      'GTR-TOK-2',
    ]);
    expect(run.code, run.output.slice(-3000)).toBe(2);
    expect(report.overall).toBe('INCOMPLETE');
    expect(report.reasons).toEqual(['Not judged (ERROR: the harness could not do its part): GTR-REV-4, GTR-REV-5, GTR-TOK-2.']);
    const byId = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
    expect(byId['GTR-TOK-2']?.verdict).toBe('ERROR');
    expect(byId['GTR-TOK-2']?.reason).toContain(sentence);
    for (const id of ['GTR-REV-4', 'GTR-REV-5']) {
      expect(byId[id]?.verdict, id).toBe('ERROR');
      expect(byId[id]?.reason, id).toContain("the target issued none to the preflight's login (see GTR-TOK-2)");
    }
    // Everything judged on sessions and access tokens was judged, in the same test and in the others.
    for (const id of ['GTR-REV-1', 'GTR-REV-2', 'GTR-REV-6', 'GTR-REV-9', 'GTR-REV-11', 'GTR-TOK-1', 'GTR-TOK-3', 'GTR-AUTH-1', 'GTR-AUTH-4', 'GTR-AUTH-5'])
      expect(byId[id]?.verdict, id).toBe('PASS');
  } finally {
    await op.stop();
  }
});

test('a refusal group that lost a victim repeats each call alone on its own users again: a worker of four users still judges every one', async () => {
  test.setTimeout(300_000);
  // The wrong-secret call revokes its victim before refusing: the group sees a loss and repeats each call alone.
  const op = await startOpProcess({ REFOP_FAULTS: 'revoke-before-secret-check' });
  try {
    const file = await staticTarget(op, { prefix: true, workers: 1 });
    const run = await runSuite(['--grep', '@RS-AUTH-1\\b'], { JANS_ISSUER: op.issuer, JANS_TARGET_FILE: file, JANS_CA_FILE: op.caFile, JANS_WORKERS: '1' });
    expect(run.code, run.output.slice(-3000)).toBe(1);
    const verdicts = Object.fromEntries(readConformance(run.reportsDir).requirements.map((r) => [r.id, r.verdict]));
    expect({ 1: verdicts['RS-AUTH-1'], 2: verdicts['RS-AUTH-2'], 3: verdicts['RS-AUTH-3'], 4: verdicts['RS-AUTH-4'] }).toEqual({
      1: 'PASS',
      2: 'FAIL',
      3: 'PASS',
      4: 'PASS',
    });
  } finally {
    await op.stop();
  }
});
