import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { REQUIREMENTS } from '../../fixtures/catalogue';
import { PROJECT_ROOT } from '../../fixtures/paths';

/** Every catalogued requirement has at least one conformance test, and every test names known ids. */
test('every catalogue id is covered by a spec', () => {
  const specsDir = join(PROJECT_ROOT, 'specs');
  const used = new Set<string>();
  for (const file of readdirSync(specsDir).filter((f) => f.endsWith('.spec.ts'))) {
    const source = readFileSync(join(specsDir, file), 'utf8');
    for (const call of source.matchAll(/\breq\(([^)]*)\)/g)) {
      for (const id of (call[1] ?? '').matchAll(/'(RS-[A-Z]+-\d+)'/g)) used.add(id[1] as string);
    }
  }
  const missing = REQUIREMENTS.map((r) => r.id).filter((id) => !used.has(id));
  expect(missing, 'catalogue ids without a test').toEqual([]);
  const unknown = [...used].filter((id) => !REQUIREMENTS.some((r) => r.id === id));
  expect(unknown, 'ids used by specs but missing from the catalogue').toEqual([]);
});

test('every conformance test names at least one requirement id', () => {
  const specsDir = join(PROJECT_ROOT, 'specs');
  for (const file of readdirSync(specsDir).filter((f) => f.endsWith('.spec.ts'))) {
    const source = readFileSync(join(specsDir, file), 'utf8');
    const tests = [...source.matchAll(/^\s*test\((['"`])(.*?)\1,\s*(\S+)/gm)];
    for (const [, , title, details] of tests) expect(details, `${file}: "${title}" must pass req(...) as its details`).toMatch(/^req\(/);
  }
});
