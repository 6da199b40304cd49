import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { newReportsDir, readConformance, runSuite } from './support';

/**
 * A real run (one the self-test runner did not mark as its own) ignores the self-test knobs even when
 * they are in its environment: it does not connect to a browser they name, record fault points,
 * or start a faulty or cut-down embedded OP. Under the marker the same knobs are honoured (the
 * kill matrix and the redaction self-tests depend on it).
 */

test('a run without the self-test marker ignores JANS_SELFTEST_… and JANS_EMBEDDED_… knobs', async () => {
  test.setTimeout(180_000);
  const reportsDir = newReportsDir();
  const points = join(reportsDir, 'fault-points.tsv');
  const run = await runSuite(
    ['--grep', 'RS-DISC-1\\b'],
    {
      JANS_SELF_TEST: '',
      // Nothing listens there: a run that honoured it could not open a browser.
      JANS_SELFTEST_BROWSER_WS: 'ws://127.0.0.1:9/not-a-browser',
      JANS_SELFTEST_FAULT_POINTS: points,
      JANS_EMBEDDED_ENDPOINTS: 'global_token_revocation',
    },
    { reportsDir },
  );
  expect(run.code, run.output.slice(-3000)).toBe(0);
  expect(existsSync(points), 'no fault points recorded').toBe(false);
  const report = readConformance(run.reportsDir);
  expect(report.requirements.find((r) => r.id === 'RS-DISC-1')?.verdict, 'the embedded OP has revoke_session: JANS_EMBEDDED_ENDPOINTS ignored').toBe('PASS');
});

test('under the self-test marker the same knobs are honoured', async () => {
  test.setTimeout(180_000);
  const run = await runSuite(['--grep', 'RS-DISC-1\\b'], { JANS_SELFTEST_BROWSER_WS: 'ws://127.0.0.1:9/not-a-browser' });
  expect(run.code, run.output.slice(-3000)).toBe(2);
  expect(run.output, 'the run tried the browser the knob names').toMatch(/127\.0\.0\.1:9/);
});
