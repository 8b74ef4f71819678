// `tagger node` runs a Tagger network node; `tagger node-publish` publishes local files to one as a project.
import fs from 'node:fs';
import type { CliCommand } from './commands.ts';
import { TaggerError } from '../../shared/errors.ts';
import { startNode } from '../../network/node.ts';
import { publishFiles } from '../../network/publish.ts';
import type { ChainConfig } from '../../network/chain/index.ts';

function num(v: unknown, flag: string, min: number, max: number, integer = false, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
    throw new TaggerError('invalid_argument', `${flag} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, not "${String(v)}".`);
  return n;
}

function chainConfig(v: Record<string, unknown>): ChainConfig | undefined {
  const given = ['rpc', 'operator-key', 'contracts'].filter((k) => v[k] !== undefined);
  if (!given.length) {
    if (v['epoch-seconds'] !== undefined) throw new TaggerError('invalid_argument', '--epoch-seconds needs a chain: add --rpc URL --operator-key FILE --contracts FILE.');
    return undefined;
  }
  if (given.length < 3) throw new TaggerError('invalid_argument', `a chain needs --rpc URL, --operator-key FILE and --contracts FILE together (missing ${['rpc', 'operator-key', 'contracts'].filter((k) => !given.includes(k)).map((k) => `--${k}`).join(', ')}).`);
  if (!/^https?:\/\//.test(String(v.rpc))) throw new TaggerError('invalid_argument', `--rpc must be an http(s) URL, not "${String(v.rpc)}".`);
  return { rpc: String(v.rpc), operatorKeyFile: String(v['operator-key']), contractsFile: String(v.contracts), epochSeconds: num(v['epoch-seconds'], '--epoch-seconds', 0.05, 30 * 24 * 3600, false, 3600) };
}

export const nodeCommand: CliCommand = {
  name: 'node',
  usage: 'node [--data DIR] [--port N] [--host 127.0.0.1] [--chain-id N] [--workers N] [--rpc URL --operator-key FILE --contracts FILE [--epoch-seconds N]]',
  summary: 'run a Tagger network node (HTTP API v1) that workstations sync with; prints its URL',
  details: 'Binds 127.0.0.1 unless --host says otherwise. Its store (node.sqlite) and asset files live in --data. With --rpc it closes an epoch every --epoch-seconds (default 3600), posts its anchor and reward roots with the operator key and serves each wallet its claim proofs; without it rewards stay in the ledger.',
  options: { port: { type: 'string' }, host: { type: 'string' }, 'chain-id': { type: 'string' }, workers: { type: 'string' }, name: { type: 'string' }, rpc: { type: 'string' }, 'operator-key': { type: 'string' }, contracts: { type: 'string' }, 'epoch-seconds': { type: 'string' } },
  async run(ctx) {
    let node;
    try {
      node = await startNode({
        dataDir: ctx.dataDir,
        port: num(ctx.values.port, '--port', 0, 65535, true, 0),
        host: (ctx.values.host as string | undefined) ?? '127.0.0.1',
        chainId: ctx.values['chain-id'] === undefined ? undefined : num(ctx.values['chain-id'], '--chain-id', 1, Number.MAX_SAFE_INTEGER, true),
        workers: ctx.values.workers === undefined ? undefined : num(ctx.values.workers, '--workers', 1, 64, true),
        name: ctx.values.name as string | undefined,
        chain: chainConfig(ctx.values),
      });
    } catch (e) {
      if (e instanceof TaggerError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new TaggerError('io', `port ${String(ctx.values.port)} is in use; choose another with --port (0 picks a free one).`);
      throw new TaggerError('io', `the node could not start: ${(e as Error).message}`);
    }
    process.stderr.write(`Data: ${ctx.dataDir}\nChain id: ${node.domain.chainId}\n`);
    process.stdout.write(`Tagger node: ${node.url}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await node.close();
    return 0;
  },
};

export const nodePublishCommand: CliCommand = {
  name: 'node-publish',
  usage: 'node-publish --node URL --name NAME --redundancy K --base-reward R [--schema FILE] [--instructions TEXT] [--lease-seconds N] PATH...',
  summary: 'upload image, audio and text files to a node and publish them as a project (one task per file)',
  options: { node: { type: 'string' }, name: { type: 'string' }, redundancy: { type: 'string' }, 'base-reward': { type: 'string' }, schema: { type: 'string' }, instructions: { type: 'string' }, 'lease-seconds': { type: 'string' }, 'min-reputation': { type: 'string' } },
  async run(ctx) {
    const v = ctx.values;
    if (typeof v.node !== 'string' || !/^https?:\/\//.test(v.node)) throw new TaggerError('invalid_argument', '--node must be the node URL, e.g. --node http://127.0.0.1:8545');
    if (typeof v.name !== 'string' || !v.name.trim()) throw new TaggerError('invalid_argument', '--name is required (the project name).');
    if (!ctx.positionals.length) throw new TaggerError('invalid_argument', 'name at least one file or folder to publish.');
    let schema: unknown;
    if (typeof v.schema === 'string') {
      try {
        schema = JSON.parse(fs.readFileSync(v.schema, 'utf8'));
      } catch (e) {
        throw new TaggerError('invalid_argument', `--schema ${v.schema} is not a readable JSON file: ${(e as Error).message}`);
      }
    }
    try {
      const r = await publishFiles(ctx.positionals, {
        node: v.node, name: v.name, schema, instructions: v.instructions as string | undefined,
        redundancy: num(v.redundancy, '--redundancy', 1, 100, true, 1),
        baseReward: num(v['base-reward'], '--base-reward', 0, 1e12, false, 1),
        leaseSeconds: v['lease-seconds'] === undefined ? undefined : num(v['lease-seconds'], '--lease-seconds', 1, 30 * 24 * 3600),
        minReputation: v['min-reputation'] === undefined ? undefined : num(v['min-reputation'], '--min-reputation', 0, 1),
      });
      for (const s of r.skipped) process.stderr.write(`skipped ${s} (not an image, audio or text file)\n`);
      process.stdout.write(`Published project ${r.projectId} with ${r.tasks} tasks\n`);
      return 0;
    } catch (e) {
      throw new TaggerError('io', (e as Error).message);
    }
  },
};
