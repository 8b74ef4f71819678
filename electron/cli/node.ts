// `tagger node` runs a Tagger network node (and `tagger node requesters …` manages who may publish on it);
// `tagger node-publish` signs a project manifest with a wallet and publishes local files to a node.
import { AmountError, formatTag, MICRO_PER_TAG, parseTag } from '../../shared/microTag.ts';
import fs from 'node:fs';
import type { CliCommand, CliContext } from './command.ts';
import { TaggerError } from '../../shared/errors.ts';
import { startNode, DEFAULT_MAX_CONNECTIONS } from '../../network/node.ts';
import { DEFAULT_LIMITS } from '../../network/server/routes.ts';
import { openNodeStore } from '../../network/store/openNodeStore.ts';
import { REVIEW_RULES } from '../../shared/agreement/reputation.ts';
import { publishFiles, walletSigner } from '../../network/publish.ts';
import { requesterWallet } from './keystoreWallet.ts';
import { nodeBundleSubcommand, NODE_BUNDLE_DETAILS, NODE_BUNDLE_USAGE } from './nodeBundleCommands.ts';
import type { ChainConfig } from '../../network/chain/index.ts';

function num(v: unknown, flag: string, min: number, max: number, integer = false, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  const n = Number(v);
  if (v === undefined || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
    throw new TaggerError('invalid_argument', `${flag} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, not "${String(v)}".`);
  return n;
}

/** An AMOUNT argument in TAG, read exactly into micro-TAG (at most six decimals). */
function tagAmount(v: string | undefined): number {
  try {
    return parseTag(String(v));
  } catch (e) {
    if (e instanceof AmountError) throw new TaggerError('invalid_argument', `AMOUNT: ${e.message}.`);
    throw e;
  }
}

const optional = (v: unknown, flag: string, min: number, max: number, integer = false) => (v === undefined ? undefined : num(v, flag, min, max, integer));

/** `tagger node requesters credit ADDRESS AMOUNT` / `balance ADDRESS`: the operator's trust decision, on the store. */
async function requesters(ctx: CliContext): Promise<number> {
  const [, action, address, amount] = ctx.positionals;
  if ((action !== 'credit' && action !== 'balance') || !address || !/^0x[0-9a-fA-F]{40}$/.test(address) || (action === 'credit' && amount === undefined))
    throw new TaggerError('invalid_argument', 'use: tagger node requesters credit ADDRESS AMOUNT, or tagger node requesters balance ADDRESS (ADDRESS is 0x followed by 40 hex digits).');
  const store = await openNodeStore({ dataDir: ctx.dataDir, db: ctx.values.db as string | undefined }).catch((e: Error) => {
    throw new TaggerError('io', `the node store could not be opened: ${e.message}`);
  });
  try {
    if (action === 'balance') {
      process.stdout.write(`${address}: ${formatTag(await store.requesterBalance(address))} TAG\n`);
      return 0;
    }
    const n = tagAmount(amount);
    if (n === 0) throw new TaggerError('invalid_argument', 'AMOUNT must be more than 0 TAG.');
    const balance = await store.creditRequester(address, n, Date.now());
    process.stdout.write(`Credited ${formatTag(n)} TAG to ${address}; its balance is ${formatTag(balance)} TAG\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** `tagger node validators stake ADDRESS AMOUNT` / `show ADDRESS`: the operator records a wallet's locked stake
 *  (validators need REVIEW_RULES.validatorMinStake); without a chain this is the operator's ledger entry. */
async function validators(ctx: CliContext): Promise<number> {
  const [, action, address, amount] = ctx.positionals;
  if ((action !== 'stake' && action !== 'show') || !address || !/^0x[0-9a-fA-F]{40}$/.test(address) || (action === 'stake' && amount === undefined))
    throw new TaggerError('invalid_argument', `use: tagger node validators stake ADDRESS AMOUNT (validators need at least ${REVIEW_RULES.validatorMinStake} TAG), or tagger node validators show ADDRESS.`);
  const store = await openNodeStore({ dataDir: ctx.dataDir, db: ctx.values.db as string | undefined }).catch((e: Error) => {
    throw new TaggerError('io', `the node store could not be opened: ${e.message}`);
  });
  try {
    if (action === 'stake') await store.setStake(address, tagAmount(amount), Date.now());
    const r = await store.reputationReport(address);
    process.stdout.write(`${address}: ${formatTag(r.stake)} TAG staked (${r.stake >= REVIEW_RULES.validatorMinStake * MICRO_PER_TAG ? 'may validate' : `validators need ${REVIEW_RULES.validatorMinStake}`}), reputation ${r.score.toFixed(3)}, ${r.reviews} reviews\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function chainConfig(v: Record<string, unknown>): ChainConfig | undefined {
  const given = ['rpc', 'operator-key', 'contracts'].filter((k) => v[k] !== undefined);
  if (!given.length) {
    if (v['epoch-seconds'] !== undefined) throw new TaggerError('invalid_argument', '--epoch-seconds needs a chain: add --rpc URL --operator-key FILE --contracts FILE.');
    return undefined;
  }
  if (given.length < 3) throw new TaggerError('invalid_argument', `a chain needs --rpc URL, --operator-key FILE and --contracts FILE together (missing ${['rpc', 'operator-key', 'contracts'].filter((k) => !given.includes(k)).map((k) => `--${k}`).join(', ')}).`);
  if (!/^https?:\/\//.test(String(v.rpc))) throw new TaggerError('invalid_argument', `--rpc must be an http(s) URL, not "${String(v.rpc)}".`);
  return { rpc: String(v.rpc), operatorKeyFile: String(v['operator-key']), contractsFile: String(v.contracts), epochSeconds: num(v['epoch-seconds'], '--epoch-seconds', 0.05, 30 * 24 * 3600, false, 3600), publicRpc: typeof v['public-rpc'] === 'string' ? v['public-rpc'] : undefined };
}

export const nodeCommand: CliCommand = {
  name: 'node',
  usage: 'node [--data DIR] [--db postgres://…] [--port N] [--host 127.0.0.1] [--chain-id N] [--workers N] [--max-leases N] [--max-leases-per-project N] [--newcomer-leases N] [--newcomer-share F] [--max-connections N] [--body-timeout SECONDS]\n       [--rpc URL --operator-key FILE --contracts FILE [--epoch-seconds N] [--public-rpc URL]]\n       tagger node requesters credit ADDRESS AMOUNT [--data DIR | --db postgres://…]\n       tagger node requesters balance ADDRESS [--data DIR | --db postgres://…]\n       tagger node validators stake ADDRESS AMOUNT | show ADDRESS [--data DIR | --db postgres://…]\n' + NODE_BUNDLE_USAGE.map((u) => `       ${u}`).join('\n'),
  summary: 'run a Tagger network node (HTTP API v1) that workstations sync with; prints its URL',
  details: [
    'Binds 127.0.0.1 unless --host says otherwise. Its asset files live in --data, its store in node.sqlite there,',
    'or in PostgreSQL with --db postgres://user@host:port/db (several node processes may share one database).',
    'Publishing spends a requester\'s balance: `tagger node requesters credit ADDRESS AMOUNT` credits one (your',
    'trust decision as the operator); `requesters balance ADDRESS` shows it. Every lease and project is signed.',
    `Validators need ${REVIEW_RULES.validatorMinStake} TAG staked: \`tagger node validators stake ADDRESS AMOUNT\` records a wallet's stake.`,
    `Limits: --max-leases (open leases per annotator, default ${DEFAULT_LIMITS.maxOpenLeases}), --max-leases-per-project`,
    `(default ${DEFAULT_LIMITS.maxOpenLeasesPerProject}), --newcomer-leases (open leases per project of a wallet with no accepted work here, default ${DEFAULT_LIMITS.newcomerLeasesPerProject}),`,
    `--newcomer-share (share of a project's open slots such wallets may hold together, default ${DEFAULT_LIMITS.newcomerShare}), --max-connections (default ${DEFAULT_MAX_CONNECTIONS}), --body-timeout (seconds a request body may take, default ${DEFAULT_LIMITS.bodyTimeoutMs / 1000}).`,
    'With --rpc it closes an epoch every --epoch-seconds (default 3600), posts its anchor and reward roots with the operator',
    'key and serves each wallet its claim proofs (README: Rewards on chain); without it rewards stay in the ledger.',
    NODE_BUNDLE_DETAILS,
  ].join('\n'),
  options: {
    port: { type: 'string' }, host: { type: 'string' }, 'chain-id': { type: 'string' }, workers: { type: 'string' }, name: { type: 'string' }, db: { type: 'string' },
    'max-leases': { type: 'string' }, 'max-leases-per-project': { type: 'string' }, 'newcomer-leases': { type: 'string' }, 'newcomer-share': { type: 'string' }, 'max-connections': { type: 'string' }, 'body-timeout': { type: 'string' },
    rpc: { type: 'string' }, 'operator-key': { type: 'string' }, contracts: { type: 'string' }, 'epoch-seconds': { type: 'string' }, 'public-rpc': { type: 'string' },
    project: { type: 'string' }, out: { type: 'string' }, 'no-media': { type: 'boolean' }, keystore: { type: 'string' }, 'password-file': { type: 'string' }, json: { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.positionals[0] === 'requesters') return requesters(ctx);
    if (ctx.positionals[0] === 'validators') return validators(ctx);
    const bundles = await nodeBundleSubcommand(ctx);
    if (bundles !== null) return bundles;
    if (ctx.positionals.length) throw new TaggerError('invalid_argument', `unknown node subcommand "${ctx.positionals[0]}"; see tagger node --help.`);
    const v = ctx.values;
    const bodyTimeout = optional(v['body-timeout'], '--body-timeout', 0.1, 3600);
    let node;
    try {
      node = await startNode({
        dataDir: ctx.dataDir,
        db: v.db as string | undefined,
        port: num(v.port, '--port', 0, 65535, true, 0),
        host: (v.host as string | undefined) ?? '127.0.0.1',
        chainId: optional(v['chain-id'], '--chain-id', 1, Number.MAX_SAFE_INTEGER, true),
        workers: optional(v.workers, '--workers', 1, 64, true),
        name: v.name as string | undefined,
        maxConnections: optional(v['max-connections'], '--max-connections', 1, 1_000_000, true),
        chain: chainConfig(v),
        limits: {
          ...(v['max-leases'] !== undefined ? { maxOpenLeases: num(v['max-leases'], '--max-leases', 1, 10_000_000, true) } : {}),
          ...(v['max-leases-per-project'] !== undefined ? { maxOpenLeasesPerProject: num(v['max-leases-per-project'], '--max-leases-per-project', 1, 10_000_000, true) } : {}),
          ...(v['newcomer-leases'] !== undefined ? { newcomerLeasesPerProject: num(v['newcomer-leases'], '--newcomer-leases', 1, 10_000_000, true) } : {}),
          ...(v['newcomer-share'] !== undefined ? { newcomerShare: num(v['newcomer-share'], '--newcomer-share', 0, 1) } : {}),
          ...(bodyTimeout !== undefined ? { bodyTimeoutMs: bodyTimeout * 1000 } : {}),
        },
      });
    } catch (e) {
      if (e instanceof TaggerError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new TaggerError('io', `port ${String(v.port)} is in use; choose another with --port (0 picks a free one).`);
      throw new TaggerError('io', `the node could not start: ${(e as Error).message}`);
    }
    process.stderr.write(`Data: ${ctx.dataDir}\nStore: ${v.db ? String(v.db).replace(/:[^:@/]*@/, ':***@') : 'node.sqlite'}\nChain id: ${node.domain.chainId}\n`);
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
  usage: 'node-publish --node URL --name NAME --redundancy K --base-reward R [--budget B] [--keystore FILE] [--password-file FILE] [--schema FILE] [--instructions TEXT] [--skills a,b] [--min-reputation R] [--min-stake TAG] [--lease-seconds N] PATH...',
  summary: 'sign a project manifest with a wallet and publish image, audio and text files to a node (one task per file)',
  details: 'The wallet is --keystore FILE or the one in --data DIR; its password comes from TAGGER_WALLET_PASSWORD or --password-file. The node escrows the budget (default: redundancy × base reward × files) from that wallet\'s balance, which its operator credits.',
  options: {
    node: { type: 'string' }, name: { type: 'string' }, redundancy: { type: 'string' }, 'base-reward': { type: 'string' }, budget: { type: 'string' }, schema: { type: 'string' }, instructions: { type: 'string' },
    'lease-seconds': { type: 'string' }, 'min-reputation': { type: 'string' }, 'min-stake': { type: 'string' }, skills: { type: 'string' }, keystore: { type: 'string' }, 'password-file': { type: 'string' },
  },
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
    const redundancy = num(v.redundancy, '--redundancy', 1, 100, true, 1);
    const baseReward = num(v['base-reward'], '--base-reward', 0, 1e12, false, 1);
    const budget = optional(v.budget, '--budget', 0, 1e15);
    const leaseSeconds = optional(v['lease-seconds'], '--lease-seconds', 1, 30 * 24 * 3600);
    const minReputation = optional(v['min-reputation'], '--min-reputation', 0, 1);
    const skills = typeof v.skills === 'string' ? v.skills.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const minStake = v['min-stake'] === undefined ? undefined : formatTag(tagAmount(String(v['min-stake'])));
    const wallet = await requesterWallet(ctx);
    try {
      const r = await publishFiles(ctx.positionals, {
        node: v.node, name: v.name, schema, instructions: v.instructions as string | undefined, redundancy, baseReward, budget, leaseSeconds, minReputation,
        requirements: skills || minStake ? { ...(skills ? { skills } : {}), ...(minStake ? { minStake } : {}) } : undefined, requester: walletSigner(wallet),
      });
      for (const s of r.skipped) process.stderr.write(`skipped ${s} (not an image, audio or text file)\n`);
      process.stdout.write(`Published project ${r.projectId} with ${r.tasks} tasks (budget ${r.budget} TAG from ${wallet.address})\n`);
      return 0;
    } catch (e) {
      throw new TaggerError('io', (e as Error).message);
    }
  },
};
