#!/usr/bin/env node
/**
 * The command (package.json `bin`; `npm run conformance`, `npm run report` and `npm run preflight`
 * call it too). Node runs the command's TypeScript through tsx; the harness runs from harnessRoot()
 * (cli/stage.ts says why), and the folder the command was started in is the run's work folder: its
 * `.env`, its reports (fixtures/environment.ts, WORK_DIR).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

// The work folder (WORK_DIR_VARIABLE of fixtures/environment.ts), before any module of the harness loads.
process.env.JANS_RUN_WORK_DIR = process.cwd();
register();
let main;
try {
  const { harnessRoot } = await import('./stage.ts');
  ({ main } = await import(pathToFileURL(join(harnessRoot(), 'cli', 'main.ts')).href));
} catch (error) {
  console.error(`The harness could not be prepared: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
process.exit(await main(process.argv.slice(2)));
