import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { scanForSecrets } from '../../fixtures/reporting/secret-scan';
import { tempDir } from './helpers';

/** A minimal zip (no CRCs: the scanner does not check them), like a Playwright trace. */
function zip(members: Array<{ name: string; text: string; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const raw = Buffer.from(m.text);
    const data = m.deflate ? deflateRawSync(raw) : raw;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(m.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(m.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
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
