import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SELF_TEST_MARKER } from '../../fixtures/environment';
import { PROJECT_ROOT } from '../../fixtures/paths';
import { ConfigApi } from '../../fixtures/access/config-api';
import { HttpClient } from '../../fixtures/access/http';
import type { ConformanceReport, RequirementResult } from '../../fixtures/reporting/verdict';

/**
 * Helpers for the harness's own tests: the reference OP as a separate process (exactly as a user
 * starts it with `npm run reference-op`) and the conformance suite as a separate `playwright test`
 * run with its own reports directory, so self-tests can run side by side.
 */

export interface OpProcess {
  issuer: string;
  /** Multi-node mode (REFOP_NODES ≥ 2): the URL of each node; empty with one node. */
  nodeUrls: string[];
  caFile: string;
  adminClientId: string;
  adminClientSecret: string;
  child: ChildProcess;
  configApi(): ConfigApi;
  stop(): Promise<void>;
}

export async function startOpProcess(env: Record<string, string> = {}): Promise<OpProcess> {
  const adminClientSecret = `self-test-${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'fixtures/reference-op/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REFOP_PORT: '0', REFOP_ADMIN_CLIENT_SECRET: adminClientSecret, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<{ issuer: string; caFile: string; adminClientId: string; nodeUrls: string[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference OP did not start: ${stderr}`)), 30_000);
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const event = JSON.parse(line) as { event: string; issuer: string; caFile: string; adminClientId: string; nodeUrls: string[] };
      if (event.event === 'ready') {
        clearTimeout(timer);
        resolve(event);
      }
    });
    child.on('exit', (code) => reject(new Error(`reference OP exited with ${code}: ${stderr}`)));
  });
  const op: OpProcess = {
    ...ready,
    adminClientSecret,
    child,
    configApi: () =>
      new ConfigApi(new HttpClient({ caFile: ready.caFile, insecure: false }), ready.issuer, `${ready.issuer}/jans-auth/restv1/token`, {
        clientId: ready.adminClientId,
        clientSecret: adminClientSecret,
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        // Exited already, or killed by a signal (a test may SIGKILL it: exitCode then stays null).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  return op;
}

export interface SuiteRun {
  code: number | null;
  output: string;
  reportsDir: string;
}

export function newReportsDir(): string {
  return mkdtempSync(join(tmpdir(), 'rs-conformance-'));
}

/** Runs the conformance suite (`npx playwright test` with the root config) in a child process. */
export function runSuite(
  args: string[],
  env: Record<string, string>,
  options: { reportsDir?: string; onOutput?: (text: string, child: ChildProcess) => void; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<SuiteRun> {
  const reportsDir = options.reportsDir ?? newReportsDir();
  const child = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--output', join(reportsDir, 'test-results'), ...args],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(
            ([name]) => !name.startsWith('JANS_') && !name.startsWith('PW_') && name !== 'TEST_WORKER_INDEX' && name !== 'TEST_PARALLEL_INDEX',
          ),
        ),
        JANS_REPORTS_DIR: reportsDir,
        // Marks the suite as a self-test's: only then are the self-test knobs honoured (fixtures/environment.ts).
        [SELF_TEST_MARKER]: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  options.onSpawn?.(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    options.onOutput?.(output, child);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output, reportsDir })));
}

export function opEnv(op: OpProcess): Record<string, string> {
  return {
    JANS_ISSUER: op.issuer,
    JANS_ADMIN_CLIENT_ID: op.adminClientId,
    JANS_ADMIN_CLIENT_SECRET: op.adminClientSecret,
    JANS_CA_FILE: op.caFile,
  };
}

export type ConformanceSummary = Pick<ConformanceReport, 'overall' | 'exitCode' | 'reasons' | 'stopped' | 'endpoints' | 'target'> & {
  requirements: Pick<RequirementResult, 'id' | 'verdict' | 'reason' | 'evidence' | 'tests'>[];
};

export function readConformance(reportsDir: string): ConformanceSummary {
  return JSON.parse(readFileSync(join(reportsDir, 'conformance.json'), 'utf8')) as ConformanceSummary;
}
