import { readFileSync } from 'node:fs';
import { ConfigError, TargetError } from '../fixtures/errors';
import { commandHelp, generalHelp, isCommand, COMMANDS } from './help';
import { splitSettings, UsageError } from './settings';

/**
 * The command's dispatch: `[command] [settings] [options]`, `run` when no command is named. The
 * settings given as flags go into the environment first, before any module of the harness reads it
 * (they fix the reports folder and more once per process), so the command's modules are loaded here,
 * after that. certify and verify parse their own options (fixtures/certify/).
 */
export async function main(argv: string[]): Promise<number> {
  try {
    const [first] = argv;
    if (first === '--version' || first === '-V') {
      const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
      console.log(`${pkg.name} ${pkg.version}`);
      return 0;
    }
    if (first === 'help' || first === '--help' || first === '-h') {
      const about = argv[1];
      console.log(isCommand(about) && about !== 'certify' && about !== 'verify' ? commandHelp(about) : generalHelp());
      return 0;
    }
    if (first !== undefined && !first.startsWith('-') && !isCommand(first)) {
      throw new UsageError(`${first} is not a command (${Object.keys(COMMANDS).join(', ')}); Playwright's file filters go after "run".`);
    }
    const command = isCommand(first) ? first : 'run';
    const rest = isCommand(first) ? argv.slice(1) : argv;
    if (command !== 'certify' && command !== 'verify' && (rest.includes('--help') || rest.includes('-h'))) {
      console.log(commandHelp(command));
      return 0;
    }
    const { settings, rest: args } = splitSettings(rest);
    Object.assign(process.env, settings);
    switch (command) {
      case 'run':
        return await (await import('./run')).run(args);
      case 'preflight':
        return await (await import('./preflight')).preflight(args);
      case 'report':
        return await (await import('./report')).report(args);
      case 'init':
        return (await import('./init')).init(args, settings);
      case 'certify':
        return await (await import('../fixtures/certify/index')).certify(args);
      case 'verify':
        return await (await import('../fixtures/certify/index')).verify(args);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof TargetError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}
