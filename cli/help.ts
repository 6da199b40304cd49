import { settingFlags } from './settings';
import { table } from './text';

/** The command's `--help` texts; the settings part is generated from the one list of settings. */

const NAME = 'jans-revocation-conformance';

export const COMMANDS = {
  run: '(default) run the conformance suite against the target; reports go to ./reports',
  preflight: 'what the target offers and whether the harness can judge it, as a table (exit code 0: it can, 2: it cannot)',
  report: "the offline Allure page of the last run's reports (reports/allure-report/index.html)",
  certify: 'a signed certification package of the last complete run',
  verify: 'check a certification package, without the target',
  init: 'write ./.env (and a static-mode target file) for the settings given as flags',
} as const;

export type Command = keyof typeof COMMANDS;

export function isCommand(word: string | undefined): word is Command {
  return word !== undefined && Object.hasOwn(COMMANDS, word);
}

function settingsHelp(): string {
  return [
    'Settings: environment variables, ./.env, or the same names as flags (--issuer=URL or --issuer URL); a flag wins over',
    'the environment, which wins over .env. With none set, the embedded reference OP is started and tested.',
    '',
    table(settingFlags().map(({ flag, variable, meaning }) => [flag, variable, meaning])),
    '',
    'A secret given as a flag (--admin-client-secret) is visible to other users of this machine: prefer the environment or .env.',
  ].join('\n');
}

const EXIT_CODES = 'Exit codes: 0 PASS, 1 FAIL (the target broke a MUST requirement), 2 INCOMPLETE (the harness could not judge), 130 interrupted.';

export function generalHelp(): string {
  return [
    `${NAME}: conformance tests for session revocation (revoke_session and Global Token Revocation) on`,
    'Janssen-compatible OpenID Providers.',
    '',
    `Usage: ${NAME} [command] [settings] [options]`,
    '',
    'Commands:',
    table(Object.entries(COMMANDS)),
    '',
    settingsHelp(),
    '',
    EXIT_CODES,
    `${NAME} <command> --help says more about a command.`,
  ].join('\n');
}

const COMMAND_HELP: Record<Exclude<Command, 'certify' | 'verify'>, string> = {
  run: [
    `Usage: ${NAME} [run] [settings] [options]`,
    '',
    'Runs the conformance suite: the checks in parallel, then the flag phase alone. Reports: ./reports (JANS_REPORTS_DIR):',
    'conformance.md and .json, junit.xml, allure-results (then `report`).',
    '',
    'Options of the command:',
    table([
      ['--last-failed', 'rerun the requirements that did not pass last time (FAIL, ERROR, WARNING or NOT_RUN in reports/conformance.json), by their ids'],
      ['--reporter=NAMES', "console reporters (list, line, dot, or a reporter file) in place of the default; the harness's own reports stay (JANS_REPORTER)"],
    ]),
    '',
    'Playwright options pass through, for example:',
    table([
      ['--grep RS-TOK', 'a requirement group; --grep "RS-REV-1\\b" one requirement'],
      ['--project feature-flag', 'the flag phase alone'],
      ['--shard 1/3', 'one of three machines against one target (the flag phase then runs apart, with --project feature-flag)'],
    ]),
    "The others: Playwright's `playwright test --help`.",
    '',
    settingsHelp(),
    '',
    EXIT_CODES,
  ].join('\n'),
  preflight: [
    `Usage: ${NAME} preflight [settings]`,
    '',
    'Finds out what the target offers and whether the harness can judge it, as every run does first: discovery, which',
    'endpoints exist, the revoking clients and the flags, one real login through the login page, prompt=none and',
    'session_status. It changes on the target only what a run changes before its first check, and undoes it. It writes',
    'no reports: the last run’s stay as they are.',
    '',
    'Exit codes: 0 the harness can judge the target, 2 it cannot (the table says why).',
    '',
    settingsHelp(),
  ].join('\n'),
  report: [
    `Usage: ${NAME} report [settings]`,
    '',
    'Turns the last run’s reports/allure-results into reports/allure-report/index.html: one file that opens offline,',
    'grouped by endpoint, requirement group and id, with each test’s steps and redacted HTTP exchanges.',
    'JANS_REPORTS_DIR (--reports-dir) names another reports folder.',
  ].join('\n'),
  init: [
    `Usage: ${NAME} init [settings]`,
    '',
    'Writes ./.env for the settings given as flags: each one set, every other commented out with its meaning. When',
    '--target-file names a file that is not there, it also writes that static-mode target file from the example, with',
    'the issuer filled in, to be completed with the users and clients created for the harness. It never overwrites a',
    'file, and writes nothing when the settings (with the environment) are not a valid configuration.',
    '',
    'Examples:',
    `  JANS_ADMIN_CLIENT_SECRET=… ${NAME} init --issuer https://jans.example.com --admin-client-id 1800.… --ca-file ./jans-ca.pem`,
    '      (the secret stays in the environment; given as --admin-client-secret, it would be written to .env)',
    `  ${NAME} init --issuer https://jans.example.com --target-file ./target.yaml`,
    '',
    settingsHelp(),
  ].join('\n'),
};

export function commandHelp(command: Exclude<Command, 'certify' | 'verify'>): string {
  return COMMAND_HELP[command];
}
