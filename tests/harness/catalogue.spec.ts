import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { PROJECT_ROOT } from '../../fixtures/paths';

/**
 * Every catalogued requirement has at least one conformance test, and every test names known ids:
 * read from Playwright's own list of the suite (`--list`), so tests defined in helper modules (the
 * flag phase's per-endpoint checks) count exactly as the runner sees them.
 */
interface ListedSpec {
  title: string;
  file: string;
  tags: string[];
  tests: { annotations: { type: string; description?: string }[] }[];
}
interface ListedSuite {
  specs?: ListedSpec[];
  suites?: ListedSuite[];
}

function listedTests(): ListedSpec[] {
  const list = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--list', '--reporter=json'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JANS_') && !name.startsWith('TEST_') && !name.startsWith('PW_'))),
  });
  const walk = (suite: ListedSuite): ListedSpec[] => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(walk)];
  return (JSON.parse(list.stdout) as { suites: ListedSuite[] }).suites.flatMap(walk);
}

test('every catalogue id is covered by a test, every test names catalogued ids', () => {
  const tests = listedTests();
  expect(tests.length).toBeGreaterThan(30);
  const used = new Set<string>();
  for (const spec of tests) {
    const ids = (spec.tests[0]?.annotations ?? []).filter((a) => a.type === 'requirement').map((a) => a.description ?? '');
    expect(ids.length, `${spec.file}: "${spec.title}" must pass req(...) as its details`).toBeGreaterThan(0);
    expect([...spec.tags].sort(), `${spec.file}: "${spec.title}" tags its ids`).toEqual([...ids].sort());
    for (const id of ids) used.add(id);
  }
  const missing = REQUIREMENTS.map((r) => r.id).filter((id) => !used.has(id));
  expect(missing, 'catalogue ids without a test').toEqual([]);
  const unknown = [...used].filter((id) => !REQUIREMENTS.some((r) => r.id === id));
  expect(unknown, 'ids used by specs but missing from the catalogue').toEqual([]);
});

test('the checks that wait longest come first in the run (specs/effect.spec.ts)', () => {
  // Playwright hands tests to workers in list order; a long check listed last ends a cluster run alone.
  const tests = listedTests();
  const judges = (id: string) => (spec: ListedSpec) => (spec.tests[0]?.annotations ?? []).some((a) => a.type === 'requirement' && a.description === id);
  const firstOfASpecFile = tests.findIndex((spec) => spec.file.endsWith('.spec.ts'));
  expect(firstOfASpecFile, 'the effect checks are defined in the endpoints’ modules, listed before every spec file’s own').toBeGreaterThan(0);
  for (const id of ['GTR-REV-1', 'RS-REV-1']) expect(tests.findIndex(judges(id)), id).toBeLessThan(firstOfASpecFile);
});
