// The registry of `tagger` subcommands; a feature adds its command here (export, node, wallet ...).
import { serveCommand, startCommand } from './serve.ts';
import { importCommand } from './import.ts';
import { exportCommand } from './export.ts';
import { nodeCommand, nodePublishCommand } from './node.ts';
import { prepareAudioCommand } from '../audio/cli.ts';
import { agreementCommand } from './agreement.ts';
import { verifyCommand } from './verify.ts';
import { chainDemoCommand, escrowDepositCommand } from './chain.ts';
import { bundleCommand, keysCommand } from './bundle.ts';

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

export const CLI_COMMANDS: CliCommand[] = [startCommand, serveCommand, importCommand, exportCommand, nodeCommand, nodePublishCommand, prepareAudioCommand, agreementCommand, verifyCommand, chainDemoCommand, escrowDepositCommand, bundleCommand, keysCommand];
