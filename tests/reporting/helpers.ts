import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { PROJECT_ROOT } from '../../fixtures/paths';
import type { ConformanceReport, RunHeader, TestRecord } from '../../fixtures/reporting/report-types';

export const SAMPLE_CONFIG = resolve(PROJECT_ROOT, 'tests/reporting/sample/sample.config.ts');
const CLI = resolve(PROJECT_ROOT, 'node_modules/@playwright/test/cli.js');

export interface SampleRun {
  dir: string;
  exitCode: number | null;
  output: string;
  report: () => ConformanceReport;
}

/** Environment of a nested Playwright run: none of this runner's worker variables. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(PW_|PLAYWRIGHT_|TEST_|JANS_|SAMPLE_)/.test(k) || k === 'FORCE_COLOR' || k === 'CI') continue;
    env[k] = v;
  }
  return { ...env, FORCE_COLOR: '0', ...extra };
}

/** A secret value no run has seen, for a sample run to handle and the secret scan to look for. */
export const freshSecret = () => `s3cret-${randomBytes(12).toString('hex')}`;

export function tempDir(prefix = 'conformance-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `playwright <command>` against the sample suite with reports in a fresh temp dir. */
export function runPlaywright(args: string[], env: Record<string, string> = {}, dir = tempDir()): SampleRun {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd: PROJECT_ROOT,
    env: cleanEnv({ JANS_REPORTS_DIR: dir, ...env }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {
    dir,
    exitCode: res.status,
    output: `${res.stdout}\n${res.stderr}`,
    report: () => JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport,
  };
}

export function runSample(extraArgs: string[] = [], env: Record<string, string> = {}, dir?: string): SampleRun {
  return runPlaywright(['test', '-c', SAMPLE_CONFIG, ...extraArgs], env, dir);
}

export function verdicts(report: ConformanceReport): Record<string, string> {
  return Object.fromEntries(report.requirements.map((r) => [r.id, r.verdict]));
}

const schema = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'schemas/conformance-report.schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validateReport = ajv.compile(schema);

/** Schema errors of a report, as readable lines; empty when valid. */
export function schemaErrors(report: unknown): string[] {
  return validateReport(report) ? [] : (validateReport.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** One test's record as the reporter keeps it: a passed-or-not test of RS-DISC-1 unless `extra` says otherwise. */
export const testRecord = (status: TestRecord['status'], outcome: TestRecord['outcome'], extra: Partial<TestRecord> = {}): TestRecord => ({
  title: `${status} test`,
  location: 'specs/x.spec.ts:1',
  project: 'janssen',
  ids: ['RS-DISC-1'],
  status,
  outcome,
  durationMs: 1,
  evidence: [],
  attachments: [],
  ...extra,
});

/** A run's header without run info, for reports built from records alone. */
export const runHeader = (playwrightStatus: RunHeader['playwrightStatus']): RunHeader => ({
  harnessVersion: '0.0.0',
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:00:01.000Z',
  durationMs: 1,
  playwrightStatus,
  runInfo: undefined,
});

/** The command a user runs for the offline Allure page (`npm run report`), on the reports folder `reportsDir`. */
export function reportCommand(reportsDir: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [resolve(PROJECT_ROOT, 'cli/jans-revocation-conformance.mjs'), 'report'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, JANS_REPORTS_DIR: reportsDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}
