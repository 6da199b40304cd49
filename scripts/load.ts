/**
 * `npm run load`: a bounded revocation load profile against any target the harness supports
 * (embedded OP by default; JANS_ISSUER + admin credentials for a vendor's staging server).
 *
 * N users get M sessions each through the real login page; while other users keep logging in,
 * concurrent revocations run. Then it verifies that every revoked user lost every session, that
 * no bystander lost one, and that nothing answered 5xx, and reports revoke latency percentiles and
 * throughput. Bounded in count and time; loopback-only targets need no flag, others need
 * LOAD_ALLOW_REMOTE=true because a load test must be aimed deliberately.
 *
 *   LOAD_USERS=10        users whose sessions are revoked (≤ 200)
 *   LOAD_SESSIONS=2      sessions per user (≤ 5)
 *   LOAD_EXTRA=400       extra revocations of unknown users, for latency and throughput (≤ 5000)
 *   LOAD_CONCURRENCY=8   revocations in flight at once (≤ 32)
 *   LOAD_MAX_SECONDS=180 hard stop
 *   LOAD_ENDPOINT=       revoke_session or global_token_revocation (default: an endpoint that also
 *                        removes tokens where the target provides one, i.e. Global Token Revocation,
 *                        else revoke_session)
 */
import { endpointNamed, ENDPOINTS } from '../fixtures/access/endpoints';
import { ConfigApiProvisioner } from '../fixtures/access/config-api-provisioner';
import { uniqueTag, type TestUser } from '../fixtures/access/provisioning';
import { Target } from '../fixtures/access/target';
import { launchBrowser } from '../fixtures/browser';
import { isLoopbackHost, loadConfig, type EndpointName } from '../fixtures/config';
import { environment } from '../fixtures/environment';
import { BrowserSession } from '../fixtures/flows/browser-session';
import { LoginDesk } from '../fixtures/flows/login';
import { revoke, sweepUser } from '../fixtures/flows/revoke';
import { prepareTarget } from '../fixtures/run/global-setup';
import { configForRun, readRunInfo } from '../fixtures/run-info';

function bounded(name: string, fallback: number, max: number): number {
  const value = Number(environment()[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name} must be a whole number from 1 to ${max}.`);
    process.exit(2);
  }
  return value;
}

const USERS = bounded('LOAD_USERS', 10, 200);
const SESSIONS = bounded('LOAD_SESSIONS', 2, 5);
const EXTRA = bounded('LOAD_EXTRA', 400, 5000);
const CONCURRENCY = bounded('LOAD_CONCURRENCY', 8, 32);
const MAX_SECONDS = bounded('LOAD_MAX_SECONDS', 180, 900);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<number> {
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const teardown = await prepareTarget();
  const info = readRunInfo();
  if (!info) throw new Error('global setup wrote no run info');
  const config = configForRun(loadConfig(), info);
  const host = new URL(config.issuer as string).hostname;
  if (!isLoopbackHost(host) && environment().LOAD_ALLOW_REMOTE !== 'true') {
    console.error(`${config.issuer} is not a loopback target: set LOAD_ALLOW_REMOTE=true to load it deliberately.`);
    await teardown();
    return 2;
  }
  const target = await Target.connect(config, info.preflight);
  const judged = ENDPOINTS.filter((e) => target.finding(e)?.judged);
  const asked = environment().LOAD_ENDPOINT?.trim();
  const names: readonly string[] = ENDPOINTS.map((e) => e.name);
  if (asked && !names.includes(asked)) {
    console.error(`LOAD_ENDPOINT="${asked}" is unknown: use ${names.join(' or ')}.`);
    await teardown();
    return 2;
  }
  const endpoint = asked ? endpointNamed(asked as EndpointName) : (judged.find((e) => e.removesTokens) ?? judged[0]);
  if (!endpoint || !judged.includes(endpoint)) {
    console.error(`The target provides no ${asked ?? 'revocation endpoint'} this run can drive.`);
    await teardown();
    return 2;
  }
  if (!target.configApi) {
    console.error('The load profile needs provisioning (admin credentials) to create its users.');
    await teardown();
    return 2;
  }
  const provisioner = new ConfigApiProvisioner(target.configApi, config.redirectUri, undefined);
  const browser = await launchBrowser(target);
  const desk = await LoginDesk.open(browser, target);
  const revoker = await provisioner.createClient('revoker', endpoint);
  let status = 0;
  try {
    const loginClient = await provisioner.createClient('login');
    const login = (user: TestUser) => BrowserSession.login(desk, target, loginClient, user);

    console.log(
      `Target ${target.issuer} (${config.mode}), ${endpoint.title}; ${USERS} users × ${SESSIONS} sessions, ${EXTRA} extra revocations, concurrency ${CONCURRENCY}.`,
    );
    const victims: { user: TestUser; sessions: BrowserSession[] }[] = [];
    for (let i = 0; i < USERS && Date.now() < deadline; i++) {
      const user = await provisioner.createUser();
      const sessions = [];
      for (let s = 0; s < SESSIONS; s++) sessions.push(await login(user));
      victims.push({ user, sessions });
    }
    const bystanders: BrowserSession[] = [];
    for (let i = 0; i < 3; i++) bystanders.push(await login(await provisioner.createUser()));

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const jobs: string[] = [...victims.map((v) => v.user.uid), ...Array.from({ length: EXTRA }, () => `rsconf-nobody-${uniqueTag()}`)];
    let next = 0;
    let loggingIn = true;
    // Other users keep logging in while revocations run.
    const churn = (async () => {
      while (loggingIn && Date.now() < deadline) bystanders.push(await login(await provisioner.createUser()));
    })();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length && Date.now() < deadline) {
          const value = jobs[next++] as string;
          const response = await revoke(target, endpoint, { auth: { kind: 'basic', client: revoker }, key: 'uid', value });
          latencies.push(response.durationMs);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    loggingIn = false;
    await churn;

    let lost = 0;
    let survived = 0;
    for (const { sessions } of victims) for (const s of sessions) if ((await s.promptNone()).error !== 'login_required') survived++;
    for (const s of bystanders) if ((await s.promptNone()).kind !== 'code') lost++;
    const serverErrors = [...statuses].filter(([code]) => code >= 500).reduce((n, [, count]) => n + count, 0);
    const sorted = [...latencies].sort((a, b) => a - b);

    console.log(
      `Revocations: ${latencies.length} in ${elapsed.toFixed(1)} s → ${(latencies.length / elapsed).toFixed(0)}/s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    console.log(
      `Latency p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
    );
    console.log(
      `Revoked users' sessions still alive: ${survived}/${USERS * SESSIONS}; bystander sessions lost: ${lost}/${bystanders.length}; 5xx: ${serverErrors}`,
    );
    if (survived || lost || serverErrors || latencies.length < jobs.length) {
      console.log(
        latencies.length < jobs.length ? `Stopped at LOAD_MAX_SECONDS before finishing: ${latencies.length}/${jobs.length}.` : 'FAILED: see the counts above.',
      );
      status = 1;
    } else console.log('PASSED: every revoked user lost every session, nothing else was lost, no 5xx.');
  } finally {
    await desk.close();
    await browser.close();
    // Revoked users have no sessions left; bystanders' sessions go before their users.
    await provisioner.dispose((user) => sweepUser(target, [endpoint], () => Promise.resolve(revoker), user));
    await teardown();
  }
  return status;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack?.startsWith(error.name) && !error.stack.includes('\n    at ') ? error.message : error);
    process.exit(1);
  },
);
