import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { scanForSecrets } from '../../fixtures/reporting/secret-scan';
import { writeZip } from '../../fixtures/reporting/zip';
import { tempDir } from './helpers';

/** A zip like a Playwright trace or blob report: some members stored, some deflated. */
function zip(members: Array<{ name: string; text: string; deflate: boolean }>): Buffer {
  return writeZip(
    members.map((m) => ({ name: m.name, data: Buffer.from(m.text) })),
    new Set(members.filter((m) => !m.deflate).map((m) => m.name)),
  );
}

test('finds secrets in plain files, nested dirs, zip members and embedded base64; reports nothing in clean files', () => {
  const dir = tempDir('scan-');
  const secrets = ['client-secret-ABC123', 'p@ss word/+1', 'never-written-xyz'];
  mkdirSync(join(dir, 'a/b'), { recursive: true });
  writeFileSync(join(dir, 'clean.txt'), 'nothing to see: [REDACTED]');
  writeFileSync(join(dir, 'a/b/plain.json'), JSON.stringify({ body: `client_secret=${secrets[0]}` }));
  writeFileSync(join(dir, 'a/url.txt'), `password=${encodeURIComponent(secrets[1] ?? '')}`);
  writeFileSync(
    join(dir, 'trace.zip'),
    zip([
      { name: 'trace.network', text: `{"postData":"x ${secrets[1]} y"}`, deflate: true },
      { name: 'stored.txt', text: 'clean', deflate: false },
    ]),
  );
  // Allure's single-file report embeds data files as base64: the secret at every byte alignment.
  for (const pad of ['', 'x', 'xy']) {
    writeFileSync(join(dir, `embedded-${pad.length}.html`), `d("data.json","${Buffer.from(`{"v":"${pad}${secrets[0]}"}`).toString('base64')}")`);
  }

  const hits = scanForSecrets(dir, secrets).map((h) => `${h.file.slice(dir.length + 1)}#${h.secretIndex}`);
  expect(hits.sort()).toEqual(
    ['a/b/plain.json#0', 'a/url.txt#1', 'embedded-0.html#0', 'embedded-1.html#0', 'embedded-2.html#0', 'trace.zip!trace.network#1'].sort(),
  );
});

test('a missing directory has no hits', () => {
  expect(scanForSecrets('/nonexistent/reports', ['abcdefgh'])).toEqual([]);
});
