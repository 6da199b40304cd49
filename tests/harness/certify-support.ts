import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CERTIFICATION_JSON, CERTIFICATION_MD, PACKAGE_FILES, PUBLIC_KEY } from '../../fixtures/certify/build-package';
import type { Certification } from '../../fixtures/certify/identity';
import { manifestBytes, manifestOf, MANIFEST, SIGNATURE } from '../../fixtures/certify/manifest';
import { loadSigningKey, signDetached } from '../../fixtures/certify/signing';
import { renderCertification } from '../../fixtures/certify/summary';
import { readZip, writeZip, type ZipMember } from '../../fixtures/reporting/zip';

/**
 * For the certification self-tests: a vendor's key pair on disk, and packages taken apart, changed
 * and put together again — with the manifest recomputed or not, signed again with some key or not.
 */

export interface KeyFiles {
  privatePem: string;
  publicPem: string;
}

export function keyFiles(dir = mkdtempSync(join(tmpdir(), 'rs-keys-'))): KeyFiles {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const files = { privatePem: join(dir, 'signing-key.pem'), publicPem: join(dir, 'public-key.pem') };
  writeFileSync(files.privatePem, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(files.publicPem, publicKey.export({ type: 'spki', format: 'pem' }));
  return files;
}

export function membersOf(file: string): ZipMember[] {
  const members = readZip(readFileSync(file));
  if (!members) throw new Error(`${file} is not a zip archive`);
  return members;
}

export function member(members: readonly ZipMember[], name: string): ZipMember {
  const found = members.find((m) => m.name === name);
  if (!found) throw new Error(`no ${name} in the package`);
  return found;
}

/** A copy of `data` with the byte at `at` changed. */
export function flipByte(data: Buffer, at: number): Buffer {
  const copy = Buffer.from(data);
  copy[at] = ((copy[at] ?? 0) + 1) % 256;
  return copy;
}

/** Writes `members` as a package into `dir` under `name`, stored rather than compressed (quicker); returns its path. */
export function writePackage(dir: string, name: string, members: readonly ZipMember[]): string {
  const file = join(dir, name);
  writeFileSync(file, writeZip(members, new Set(members.map((m) => m.name))));
  return file;
}

/** The manifest computed again over every other member (the old signature kept). */
export function withNewManifest(members: readonly ZipMember[]): ZipMember[] {
  const files = members.filter((m) => m.name !== MANIFEST && m.name !== SIGNATURE);
  const manifest = { name: MANIFEST, data: manifestBytes(manifestOf(files, new Date().toISOString())) };
  return [...files, manifest, member(members, SIGNATURE)];
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** `members` with certification.json changed by `edit`, and certification.md rendered again from it. */
export function withCertification(members: readonly ZipMember[], edit: (c: Certification) => Certification): ZipMember[] {
  const certification = edit(JSON.parse(member(members, CERTIFICATION_JSON).data.toString('utf8')) as Certification);
  return members.map((m) =>
    m.name === CERTIFICATION_JSON
      ? { name: m.name, data: json(certification) }
      : m.name === CERTIFICATION_MD
        ? { name: m.name, data: Buffer.from(renderCertification(certification, PACKAGE_FILES), 'utf8') }
        : m,
  );
}

/** Signed again with `keyFile` as a thorough forger would: its public key and thumbprint replace the package's. */
export async function resigned(members: readonly ZipMember[], keyFile: string): Promise<ZipMember[]> {
  const key = await loadSigningKey(keyFile);
  const files = withCertification(members, (c) => ({ ...c, signingKeyThumbprint: key.publicJwk.kid as string }))
    .filter((m) => m.name !== MANIFEST && m.name !== SIGNATURE)
    .map((m) => (m.name === PUBLIC_KEY ? { name: m.name, data: json(key.publicJwk) } : m));
  const manifest = manifestBytes(manifestOf(files, new Date().toISOString()));
  return [...files, { name: MANIFEST, data: manifest }, { name: SIGNATURE, data: Buffer.from(`${await signDetached(manifest, key)}\n`) }];
}
