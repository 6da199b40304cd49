import { VARIABLES } from '../fixtures/config-variables';

/**
 * The command's setting flags: every variable a user can set (fixtures/config-variables.ts) is also
 * a flag, named after it — JANS_ISSUER is `--issuer`, JANS_ADMIN_CLIENT_ID `--admin-client-id` — so
 * there is one list of settings. A flag wins over the environment, which wins over `.env`: the
 * command puts the flags into its environment before anything reads it (fixtures/environment.ts).
 */

export type Variable = keyof typeof VARIABLES;

/** A mistake on the command line: one sentence, exit code 2. */
export class UsageError extends Error {}

export function flagOf(variable: string): string {
  return `--${variable
    .replace(/^JANS_/, '')
    .toLowerCase()
    .replaceAll('_', '-')}`;
}

const BY_FLAG: ReadonlyMap<string, Variable> = new Map((Object.keys(VARIABLES) as Variable[]).map((variable) => [flagOf(variable), variable]));

/** The table the help prints: flag, variable, meaning. */
export function settingFlags(): { flag: string; variable: Variable; meaning: string }[] {
  return [...BY_FLAG].map(([flag, variable]) => ({ flag, variable, meaning: VARIABLES[variable] }));
}

/**
 * The settings among `argv` (`--issuer=URL` or `--issuer URL`), and every other argument in its
 * order. An empty value (`--issuer=`) unsets a variable `.env` sets.
 */
export function splitSettings(argv: readonly string[]): { settings: Partial<Record<Variable, string>>; rest: string[] } {
  const settings: Partial<Record<Variable, string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const variable = BY_FLAG.get(flag);
    if (!variable) {
      rest.push(arg);
      continue;
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) throw new UsageError(`${flag} needs a value (${flag}=…): ${VARIABLES[variable]}`);
      value = next;
      i++;
    }
    if (variable in settings && settings[variable] !== value) throw new UsageError(`${flag} is given twice, with different values: give it once.`);
    settings[variable] = value;
  }
  return { settings, rest };
}
