import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'dotenv';
import { loadConfig } from '../fixtures/config';
import { VARIABLES } from '../fixtures/config-variables';
import { environment } from '../fixtures/environment';
import { PROJECT_ROOT, WORK_DIR } from '../fixtures/paths';
import { UsageError, flagOf, type Variable } from './settings';

/**
 * `init`: writes the work folder's `.env` for the answers given as flags: every setting, the given
 * ones set, the others commented out with their meaning; and, when `--target-file` names a file that
 * is not there, a static-mode target file from the example with the issuer filled in. It never
 * overwrites a file, and writes nothing when the answers would not make a valid configuration.
 * Both files can hold secrets: they are readable by their owner only.
 */

const EXAMPLE_TARGET = join(PROJECT_ROOT, 'fixtures', 'examples', 'target.example.yaml');

/** The value as `.env` must spell it to read back the same (checked after writing it out). */
function dotenvValue(name: string, value: string): string {
  if (/^[^\s#'"`\\]*$/.test(value)) return value;
  if (!/[\n\r]/.test(value)) {
    if (!value.includes("'")) return `'${value}'`;
    if (!value.includes('`')) return `\`${value}\``;
  }
  throw new UsageError(`${flagOf(name)}: this value cannot be written to .env safely; set ${name} in the environment instead.`);
}

export function dotenvText(answers: Partial<Record<Variable, string>>, now = new Date()): string {
  const lines = [
    `# Written by \`jans-revocation-conformance init\` on ${now.toISOString().slice(0, 10)}: the settings of runs started in this folder.`,
    '# A variable of the environment, or the same setting as a flag (--issuer for JANS_ISSUER), wins over this file.',
    '# It may hold the admin client secret: keep it out of version control.',
  ];
  for (const [name, meaning] of Object.entries(VARIABLES)) {
    const value = answers[name as Variable];
    lines.push('', `# ${meaning}`, value === undefined ? `# ${name}=` : `${name}=${dotenvValue(name, value)}`);
  }
  const text = `${lines.join('\n')}\n`;
  const readBack = parse(text);
  for (const [name, value] of Object.entries(answers)) {
    if (readBack[name] !== value)
      throw new UsageError(`${flagOf(name)}: this value does not read back from .env unchanged; set ${name} in the environment instead.`);
  }
  return text;
}

export function init(args: string[], answers: Partial<Record<Variable, string>>): number {
  if (args.length > 0) throw new UsageError(`init takes settings only (see init --help), not: ${args.join(' ')}`);
  const envFile = join(WORK_DIR, '.env');
  if (existsSync(envFile)) throw new UsageError(`${envFile} exists; init never overwrites it: edit it, or remove it first.`);
  const targetFile = answers.JANS_TARGET_FILE ? resolve(WORK_DIR, answers.JANS_TARGET_FILE) : undefined;
  const newTarget = targetFile && !existsSync(targetFile) ? targetFile : undefined;
  // With the environment (a secret may stay there), the answers must make a valid configuration; a
  // target file still to be written stands in as the example.
  loadConfig({ ...environment(), ...answers, ...(newTarget ? { JANS_TARGET_FILE: EXAMPLE_TARGET } : {}) });
  const text = dotenvText(answers);
  if (newTarget) {
    const example = readFileSync(EXAMPLE_TARGET, 'utf8');
    const issuer = answers.JANS_ISSUER?.replace(/\/+$/, '');
    writeFileSync(newTarget, issuer ? example.replace(/^issuer: .*$/m, `issuer: ${JSON.stringify(issuer)}`) : example, { mode: 0o600, flag: 'wx' });
    console.log(`Wrote ${newTarget}: list the users and clients you created for the harness there (its comments say how).`);
  }
  writeFileSync(envFile, text, { mode: 0o600, flag: 'wx' });
  console.log(`Wrote ${envFile}. Next: jans-revocation-conformance preflight`);
  return 0;
}
