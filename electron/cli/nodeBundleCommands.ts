// `tagger node import FILE`, `tagger node export --project ID --out FILE` and `tagger node keys trust|untrust|list`:
// the CLI of a node fed and drained by bundles (nodeBundles.ts), on the node's store (--data DIR or --db postgres://).
import path from 'node:path';
import type { CliContext } from './command.ts';
import { TaggerError } from '../../shared/errors.ts';
import { formatBytes } from '../../shared/bytes.ts';
import { DEFAULT_DOMAIN, type TaggerDomain } from '../../shared/signing/typedData.ts';
import { openNodeStore } from '../../network/store/openNodeStore.ts';
import { AssetFiles } from '../../network/store/assetFiles.ts';
import type { NodeStore } from '../../network/store/NodeStore.ts';
import { checkAddress } from '../bundles/trustedKeys.ts';
import { exportFromNode, importIntoNode, type NodeImportReport } from './nodeBundles.ts';
import { requesterWallet } from './keystoreWallet.ts';

export const NODE_BUNDLE_USAGE = [
  'tagger node import FILE [--data DIR | --db postgres://…] [--chain-id N]',
  'tagger node export --project ID --out FILE [--no-media] [--keystore FILE] [--password-file FILE] [--data DIR | --db postgres://…] [--chain-id N]',
  'tagger node keys trust ADDRESS [--name NAME] | keys untrust ADDRESS | keys list   [--data DIR | --db postgres://…]',
];

export const NODE_BUNDLE_DETAILS = [
  'A node with no network is fed and drained by signed bundles: `node import` checks a .tagger bundle exactly as a workstation',
  'does (every hash and signature, and a signer on the node\'s own trusted keys: `node keys trust`), then takes in its tasks, media,',
  'signed submissions and reviews under the node\'s rules; new tasks are paid from the signer\'s requester balance. `node export`',
  'writes a project\'s accepted work as a bundle signed by the operator\'s wallet (--keystore, password as for node-publish).',
].join('\n');

function printImport(r: NodeImportReport, out: (s: string) => void): void {
  out(`Imported "${r.projectName}" (${r.projectId})${r.projectCreated ? ', a new project' : ''}, signed by ${r.signer}:`);
  out(`  tasks ${r.tasks.added} new, ${r.tasks.existing} already here; media ${r.media.added} new, ${r.media.existing} already here${r.media.missing ? `, ${r.media.missing} not carried (upload them or import a bundle with media before those tasks can be leased)` : ''}`);
  if (r.budget) out(`  budget ${r.budget} TAG escrowed from ${r.signer}'s balance for the new tasks`);
  out(`  submissions ${r.submissions.accepted} accepted, ${r.submissions.duplicate} already here, ${r.submissions.rejected.length} refused`);
  out(`  reviews ${r.reviews.accepted} accepted, ${r.reviews.duplicate} already here, ${r.reviews.rejected.length} refused`);
  for (const x of [...r.submissions.rejected, ...r.reviews.rejected].slice(0, 50)) out(`  refused ${x.id ?? '(no id)'}: ${x.reason}`);
}

async function withStore<T>(ctx: CliContext, work: (store: NodeStore) => Promise<T>): Promise<T> {
  const store = await openNodeStore({ dataDir: ctx.dataDir, db: ctx.values.db as string | undefined }).catch((e: Error) => {
    throw new TaggerError('io', `the node store could not be opened: ${e.message}`);
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function domainOf(ctx: CliContext): TaggerDomain {
  const v = ctx.values['chain-id'];
  if (v === undefined) return DEFAULT_DOMAIN;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new TaggerError('invalid_argument', `--chain-id must be a whole number from 1, not "${String(v)}".`);
  return { ...DEFAULT_DOMAIN, chainId: n };
}

async function keys(ctx: CliContext): Promise<number> {
  const [, sub, address, ...extra] = ctx.positionals;
  if ((sub !== 'trust' && sub !== 'untrust' && sub !== 'list') || (sub !== 'list' && !address) || extra.length || (sub === 'list' && address))
    throw new TaggerError('invalid_argument', `use: ${NODE_BUNDLE_USAGE[2]}`);
  return withStore(ctx, async (store) => {
    if (sub === 'list') {
      const list = await store.trustedKeys();
      if (!list.length) console.log('No trusted keys: this node imports no bundle yet. Add the team lead with `tagger node keys trust 0x… --name NAME`.');
      for (const k of list) console.log(`${checkAddress(k.address)}  ${k.name || '-'}  added ${new Date(Number(k.addedAt)).toISOString()}`);
      return 0;
    }
    const a = checkAddress(address);
    if (sub === 'trust') {
      await store.setTrusted(a, ((ctx.values.name as string | undefined) ?? '').trim().slice(0, 200), Date.now());
      console.log(`Trusted ${a}: bundles it signs can now be imported into this node.`);
    } else {
      if (!(await store.setTrusted(a, null, Date.now()))) throw new TaggerError('not_found', `${a} was not on this node's trusted keys (\`tagger node keys list\` shows them).`);
      console.log(`No longer trusted: ${a}. Bundles it signs are refused by this node from now on.`);
    }
    return 0;
  });
}

/** Runs `tagger node import|export|keys`; returns null when the subcommand is none of these. */
export async function nodeBundleSubcommand(ctx: CliContext): Promise<number | null> {
  const sub = ctx.positionals[0];
  if (sub === 'keys') return keys(ctx);
  if (sub !== 'import' && sub !== 'export') return null;
  const domain = domainOf(ctx);
  const assets = new AssetFiles(path.join(ctx.dataDir, 'assets'));
  if (sub === 'import') {
    const [, file, ...extra] = ctx.positionals;
    if (!file || extra.length) throw new TaggerError('invalid_argument', `node import needs exactly one FILE: ${NODE_BUNDLE_USAGE[0]}`);
    return withStore(ctx, async (store) => {
      try {
        const r = await importIntoNode(file, { store, assets, domain, now: Date.now });
        if (ctx.values.json) console.log(JSON.stringify(r, null, 2));
        else printImport(r, (s) => console.log(s));
        return 0;
      } catch (e) {
        // a refusal lists every problem, one per line, after its one-line reason
        const problems = (e as TaggerError).detail?.problems as { code: string; message: string }[] | undefined;
        if (e instanceof TaggerError && problems && problems.length > 1) throw new TaggerError(e.code, `${e.message.split(' (and ')[0]}\n${problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n')}`);
        if (e instanceof TaggerError) throw e;
        const status = (e as { status?: number }).status;
        if (status) throw new TaggerError('invalid_argument', `The bundle was refused, nothing was imported: ${(e as Error).message}.`);
        throw e;
      }
    });
  }
  const projectId = ctx.values.project as string | undefined;
  const out = ctx.values.out as string | undefined;
  if (!projectId || !out || ctx.positionals.length > 1) throw new TaggerError('invalid_argument', `node export needs --project ID and --out FILE: ${NODE_BUNDLE_USAGE[1]}`);
  const wallet = await requesterWallet(ctx);
  const signer = { address: wallet.address, signDigest: (d: string) => wallet.signingKey.sign(d).serialized };
  return withStore(ctx, async (store) => {
    const r = await exportFromNode({ store, assets, domain, now: Date.now }, { projectId, out, withMedia: !ctx.values['no-media'], signer, app: 'tagger node' });
    console.log(`Wrote ${r.path} (${formatBytes(r.bytes)}): ${r.tasks} task(s), ${r.assets} asset(s)${r.withMedia ? ' with media' : ', no media'}, ${r.submissions} accepted submission(s), ${r.reviews} review(s); signed by ${r.signer}`);
    return 0;
  });
}
