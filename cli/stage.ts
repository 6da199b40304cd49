import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the harness runs from. Playwright transforms TypeScript only outside `node_modules`: the
 * specs and fixtures of an installed package would not load. tsx in NODE_OPTIONS loads them, but it
 * minifies whitespace, so every test location in the reports and every stack frame would read
 * line 1. So an installed command runs the harness from a staged copy of its own files outside
 * `node_modules`, whose `node_modules` holds links to the dependencies the install resolved:
 * Playwright then loads it exactly as it loads a clone, and a clone runs in place.
 *
 * The copy is kept per package content and install location under the user's cache folder
 * (XDG_CACHE_HOME, else ~/.cache): made once, atomically (two runs may start together), used by
 * every run after. Runs write nothing there but the embedded OP's key cache (node_modules/.cache,
 * fixtures/reference-op/keys.ts): their outputs go to the work folder (fixtures/environment.ts).
 */

/** This package's root: the folder above cli/. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Marks a complete copy: written last, so a copy without it is half-made and never used. */
const COMPLETE = '.staged';

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

function insideNodeModules(path: string): boolean {
  return path.split(sep).includes('node_modules');
}

/** Every file of the package but its own node_modules, relative to its root, in a stable order. */
function packageFiles(root: string, under = ''): string[] {
  return readdirSync(join(root, under), { withFileTypes: true })
    .filter((entry) => !(under === '' && entry.name === 'node_modules'))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(under, entry.name);
      return entry.isDirectory() ? packageFiles(root, path) : entry.isFile() ? [path] : [];
    });
}

/** The folder Node resolves `name` to from `root`: the nearest node_modules above it that has it. */
function dependencyDir(root: string, name: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`The dependency ${name} of ${root} is not installed: reinstall the package (npm install).`);
}

function cacheHome(): string {
  return process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // Nothing there to remove, or nowhere to remove it from.
  }
}

/** The folder the harness runs from: the package itself, unless it is installed under node_modules. */
export function harnessRoot(root = PACKAGE_ROOT): string {
  if (!insideNodeModules(root)) return root;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const files = packageFiles(root);
  const hash = createHash('sha256').update(root);
  for (const file of files) hash.update(`\0${file}\0`).update(readFileSync(join(root, file)));
  const stage = join(cacheHome(), pkg.name, `${pkg.version}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(stage, COMPLETE))) return stage;

  const partial = `${stage}.partial-${process.pid}`;
  try {
    rmSync(partial, { recursive: true, force: true });
    for (const file of files) {
      mkdirSync(dirname(join(partial, file)), { recursive: true });
      cpSync(join(root, file), join(partial, file));
    }
  } catch (error) {
    removeQuietly(partial);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`it runs from a copy under ${dirname(stage)}, which could not be written (${reason}): set XDG_CACHE_HOME to a writable folder.`);
  }
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const link = join(partial, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(dependencyDir(root, name), link, 'junction');
  }
  writeFileSync(join(partial, COMPLETE), `${root}\n`);
  try {
    renameSync(partial, stage);
  } catch (error) {
    // Another run staged the same content first: use its copy.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(stage, COMPLETE))) throw error;
  }
  return stage;
}
