import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult, TestStep } from '@playwright/test/reporter';
import { REPORTS_DIR } from '../fixtures/paths';

/**
 * `npm run bench`'s view of one conformance run, read from Playwright's own results: when each test
 * ran in which worker, how long its logins took (the `arrange` fixture's "login … through the login page"
 * steps) and how long its worker's browser took to start (the `browser` and `loginDesk` fixture
 * steps). Added only by the bench (`--add-reporter`); the suite itself measures nothing.
 */
export interface BenchTest {
  worker: number;
  startMs: number;
  durationMs: number;
  loginMs: number;
  logins: number;
  browserMs: number;
}

export const BENCH_FILE = 'bench-timeline.json';

function walk(steps: readonly TestStep[], visit: (step: TestStep) => void): void {
  for (const step of steps) {
    visit(step);
    walk(step.steps, visit);
  }
}

export default class BenchReporter implements Reporter {
  private readonly tests: BenchTest[] = [];

  printsToStdio(): boolean {
    return false;
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    let loginMs = 0;
    let logins = 0;
    let browserMs = 0;
    walk(result.steps, (step) => {
      if (step.category === 'test.step' && step.title.startsWith('login ')) {
        loginMs += step.duration;
        logins += 1;
      }
      if (step.category === 'fixture' && (step.title === 'Fixture "browser"' || step.title === 'Fixture "loginDesk"')) browserMs += step.duration;
    });
    this.tests.push({ worker: result.workerIndex, startMs: result.startTime.getTime(), durationMs: result.duration, loginMs, logins, browserMs });
  }

  onEnd(): void {
    mkdirSync(REPORTS_DIR, { recursive: true });
    writeFileSync(join(REPORTS_DIR, BENCH_FILE), JSON.stringify(this.tests));
  }
}
