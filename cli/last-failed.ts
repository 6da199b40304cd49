import { existsSync, readFileSync } from 'node:fs';
import { FLAG_PHASE_PROJECT } from '../fixtures/run/flag-phase-selection';
import { UsageError } from './settings';

/**
 * `run --last-failed`: the requirements that did not pass in the previous report, rerun by their id
 * tags (`@RS-REV-1`, fixtures/requirements.ts). Playwright's own `--last-failed` keys on test ids,
 * and which copy of a flag-phase test runs depends on the run's selection (playwright.config.ts),
 * so a test id of one run need not name the same test in the next; requirement ids do.
 */

/** What did not pass: failed, harness errors, SHOULD misses, and what did not run (a subset, a stop). */
export const RERUN_VERDICTS = ['FAIL', 'ERROR', 'WARNING', 'NOT_RUN'] as const;

interface PreviousReport {
  requirements: { id: string; verdict: string; tests?: { project?: string }[] }[];
}

export interface Rerun {
  /** Requirement ids with their verdicts, in report order. */
  requirements: { id: string; verdict: string }[];
  /** Requirements of the flag phase that passed but rerun with it (its checks build on one another). */
  withFlagPhase: string[];
  /** For `--grep`; undefined when nothing is to be rerun. */
  grep: string | undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function lastFailed(reportFile: string): Rerun {
  if (!existsSync(reportFile)) throw new UsageError(`--last-failed reads the previous run's ${reportFile}, which does not exist: run the suite first.`);
  let report: PreviousReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as PreviousReport;
    if (!Array.isArray(report.requirements)) throw new Error('no requirements');
  } catch {
    throw new UsageError(`--last-failed could not read ${reportFile} as a conformance report: run the suite again.`);
  }
  const requirements = report.requirements
    .filter((r) => (RERUN_VERDICTS as readonly string[]).includes(r.verdict))
    .map(({ id, verdict }) => ({ id: String(id), verdict: String(verdict) }));
  // The flag phase's checks build on one another (the switch off comes first, the staleness check
  // reads what it saw), so one of them reruns with the whole phase.
  const ofFlagPhase = report.requirements.filter((r) => (r.tests ?? []).some((t) => t.project === FLAG_PHASE_PROJECT)).map((r) => String(r.id));
  const withFlagPhase = requirements.some((r) => ofFlagPhase.includes(r.id)) ? ofFlagPhase.filter((id) => !requirements.some((r) => r.id === id)) : [];
  const ids = [...requirements.map((r) => r.id), ...withFlagPhase];
  // A tag ends at a space or the end: @RS-REV-1 must not select @RS-REV-10.
  const grep = ids.length > 0 ? `@(?:${ids.map(escape).join('|')})(?![\\w-])` : undefined;
  return { requirements, withFlagPhase, grep };
}

/** One line saying what was selected, grouped by verdict. */
export function describeRerun(rerun: Rerun, reportFile: string): string {
  if (!rerun.grep) return `--last-failed: no requirement in ${reportFile} ended ${RERUN_VERDICTS.join(', ')}; nothing to rerun.`;
  const byVerdict = RERUN_VERDICTS.map((verdict) => [verdict, rerun.requirements.filter((r) => r.verdict === verdict).map((r) => r.id)] as const)
    .filter(([, ids]) => ids.length > 0)
    .map(([verdict, ids]) => `${verdict} ${ids.join(', ')}`);
  const phase =
    rerun.withFlagPhase.length > 0 ? `, with the rest of the flag phase, whose checks build on one another (${rerun.withFlagPhase.join(', ')})` : '';
  return `--last-failed: rerunning the ${rerun.requirements.length} requirement(s) that did not pass in ${reportFile} (${byVerdict.join('; ')})${phase}.`;
}
