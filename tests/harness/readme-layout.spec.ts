import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT } from '../../fixtures/paths';

/**
 * The README's layout tree names every folder a contributor meets: each top-level folder of the
 * repository and each folder under fixtures/, and nothing that is not there.
 */

function layoutTree(): string[] {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Layout'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((line) => line.trim() !== '');
}

/** Folders runs write and installs create: present or not depending on what ran. */
const GENERATED = new Set(['node_modules', 'reports', 'test-results', 'allure-report', 'playwright-report']);

const folders = (dir: string) =>
  readdirSync(join(PROJECT_ROOT, dir)).filter((name) => !name.startsWith('.') && !GENERATED.has(name) && statSync(join(PROJECT_ROOT, dir, name)).isDirectory());

test("the README's layout tree names exactly the folders there are", () => {
  const lines = layoutTree();
  const top = lines.filter((line) => /^\S+\/\s/.test(line) || /^\S+\/$/.test(line)).map((line) => line.split(/\s+/)[0]?.replace(/\/$/, ''));
  const underFixtures = lines.filter((line) => /^ {2}\S+\/(\s|$)/.test(line)).map((line) => line.trim().split(/\s+/)[0]?.replace(/\/$/, ''));
  expect(top, 'reports/ is listed as output').toContain('reports');
  expect(top.filter((name) => !GENERATED.has(name as string)).sort()).toEqual(folders('.').sort());
  expect([...underFixtures].sort()).toEqual(folders('fixtures').sort());
});
