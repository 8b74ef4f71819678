// What a `tagger` subcommand is; each command's module imports this, and commands.ts lists them.
export interface CliContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  dataDir: string;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  details?: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  run(ctx: CliContext): Promise<number>;
}
