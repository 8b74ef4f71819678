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

export type { CliCommand, CliContext } from './command.ts';
import type { CliCommand } from './command.ts';

export const CLI_COMMANDS: CliCommand[] = [startCommand, serveCommand, importCommand, exportCommand, nodeCommand, nodePublishCommand, prepareAudioCommand, agreementCommand, verifyCommand, chainDemoCommand, escrowDepositCommand, bundleCommand, keysCommand];
