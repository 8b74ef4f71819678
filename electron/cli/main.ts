// The `tagger` command line. Every failure prints what went wrong and what to do, and exits non-zero.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import fs from 'node:fs';
import { defaultDataDir } from '../core/dataDir.ts';
import { appVersion } from '../core/paths.ts';
import { isTaggerError, TaggerError } from '../../shared/errors.ts';
import { CLI_COMMANDS } from './commands.ts';

const HELP = `Tagger Workstation ${appVersion()} — annotate images, audio and text; sign and sync work with the Tagger network.

Usage: tagger <command> [options]

Commands:
${CLI_COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`).join("\n")}

Options for every command:
  --data DIR     data directory (default: ${defaultDataDir()})
  -h, --help     show this help
  -v, --version  print the version

Examples:
  tagger serve --demo
  tagger import --data ./data --project "Street scenes" ./photos ./more/photo.jpg`;

export async function main(argv: string[]): Promise<number> {
  const [cmdName, ...rest] = argv;
  if (!cmdName || cmdName === '-h' || cmdName === '--help' || cmdName === 'help') {
    console.log(HELP);
    return cmdName ? 0 : 1;
  }
  if (cmdName === '-v' || cmdName === '--version') {
    console.log(appVersion());
    return 0;
  }
  const cmd = CLI_COMMANDS.find((c) => c.name === cmdName);
  if (!cmd) {
    console.error(`tagger: unknown command "${cmdName}". Run \`tagger --help\` for the list.`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...cmd.options, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as ParseArgsConfig['options'], allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`tagger ${cmd.name}: ${(e as Error).message.replace(/^.*?: /, '').split('. To specify')[0]}\nUsage: tagger ${cmd.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`Usage: tagger ${cmd.usage}\n\n${cmd.summary}\n${cmd.details ?? ''}`);
    return 0;
  }
  try {
    const explicit = parsed.values.data as string | undefined;
    // The default directory is ours to create (on a fresh machine even ~/.config may be missing); a directory
    // the user names must already be usable, so a typo is reported instead of silently creating a tree.
    if (!explicit) {
      try {
        fs.mkdirSync(defaultDataDir(), { recursive: true });
      } catch (e) {
        throw new TaggerError('io', `Cannot create the data directory ${defaultDataDir()} (${(e as NodeJS.ErrnoException).code}). Choose a writable one with --data DIR.`);
      }
    }
    return await cmd.run({ values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals, dataDir: path.resolve(explicit ?? defaultDataDir()) });
  } catch (e) {
    if (isTaggerError(e)) {
      console.error(`tagger ${cmd.name}: ${e.message}`);
      return 1;
    }
    console.error(`tagger ${cmd.name}: unexpected error: ${(e as Error).stack ?? e}`);
    return 1;
  }
}
