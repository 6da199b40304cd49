import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunInfo } from '../fixtures/run-info';
import { table } from './text';

/**
 * `preflight`: what the target offers and whether the harness can judge it, as a table; exit code 0
 * when it can, 2 when not. It is the run's own preflight (fixtures/run/global-setup.ts,
 * prepareTarget): the same steps, the same changes on the target, undone the same way, and nothing
 * else. Its run info goes to a scratch folder, so the last run's reports stay as they were (`report`
 * and `certify` read them).
 */
export async function preflight(args: string[]): Promise<number> {
  if (args.length > 0) {
    console.error(`preflight takes no arguments but settings (see --help): ${args.join(' ')}`);
    return 2;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'jans-preflight-'));
  // Before any module of the harness reads its settings: they fix the reports folder once per process.
  process.env.JANS_REPORTS_DIR = scratch;
  try {
    const { ensureBrowser } = await import('./processes');
    if ((await ensureBrowser()) !== 0) return 2;
    const { prepareTarget } = await import('../fixtures/run/global-setup');
    const { readRunInfo } = await import('../fixtures/run-info');
    let teardown: (() => Promise<void>) | undefined;
    try {
      teardown = await prepareTarget();
    } catch (error) {
      // prepareTarget has undone its changes and recorded the stop in the run info (below); other errors say themselves.
      if (!readRunInfo()?.stopped) console.error(error instanceof Error ? error.message : String(error));
    }
    await teardown?.();
    const info = readRunInfo();
    if (!info) return 2;
    console.log(findingsTable(info));
    return info.stopped ? 2 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function findingsTable(info: RunInfo): string {
  const lines = [`Preflight of ${info.issuer} (${info.mode} mode)${info.setupMs !== undefined ? `, ${(info.setupMs / 1000).toFixed(1)} s` : ''}`, ''];
  const findings = info.preflight;
  const rows: string[][] = [['', 'result', 'detail']];
  for (const endpoint of findings?.endpoints ?? []) {
    rows.push([endpoint.name, endpoint.judged ? 'judged' : endpoint.provided ? 'not judged' : 'not provided', endpoint.note]);
  }
  if (findings) {
    rows.push(['login', 'works', findings.logins]);
    rows.push(['session_status', findings.sessionStatus.available ? 'available' : 'unavailable', findings.sessionStatus.note]);
    rows.push(['feature flags', findings.flagSwitch.possible ? 'switchable' : 'not switched', findings.flagSwitch.note]);
  }
  if (info.discoverySha256) rows.push(['discovery', 'read', `sha256 ${info.discoverySha256}`]);
  if (info.stopped) rows.push(['stopped', info.stopped.kind === 'fail' ? 'FAIL' : 'INCOMPLETE', info.stopped.sentence]);
  lines.push(table(rows), '');
  const judged = (findings?.endpoints ?? []).filter((e) => e.judged).map((e) => e.name);
  lines.push(
    info.stopped
      ? `The harness cannot judge this target as configured: a run would end ${info.stopped.kind === 'fail' ? 'FAIL' : 'INCOMPLETE'} here (exit code 2).`
      : `The harness can judge this target: a run judges ${judged.join(' and ')} (exit code 0).`,
  );
  return lines.join('\n');
}
