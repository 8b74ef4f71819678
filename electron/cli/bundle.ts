// `tagger bundle export|import|verify` and `tagger keys trust|untrust|list`: signed bundles for air-gapped teams.
import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand, CliContext } from './command.ts';
import { createCore, type Core } from '../core/createCore.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { WalletService } from '../wallet/walletService.ts';
import { formatBytes } from '../../shared/bytes.ts';
import type { BundleImportReport, BundleVerifyReport, TrustedKeyInfo } from '../../shared/api/bundles.ts';
import { callRunning, runningServerOrWait } from './runningInstance.ts';
import type { JobContext } from '../core/jobs.ts';

/** Progress on stderr (one line, rewritten on a terminal); never on stdout, which carries results. */
function cliJob(label: string): JobContext {
  const ac = new AbortController();
  let last = 0;
  return {
    signal: ac.signal,
    throwIfCancelled: () => undefined,
    progress(done, total) {
      const now = Date.now();
      if (!process.stderr.isTTY || (now - last < 200 && done < total)) return;
      last = now;
      process.stderr.write(`\r${label}: ${formatBytes(done)} of ${formatBytes(total)}   `);
      if (done >= total) process.stderr.write('\n');
    },
  };
}

/** The wallet of the data directory, unlocked with --password-file or TAGGER_WALLET_PASSWORD. */
async function unlockedWallet(core: Core, ctx: CliContext): Promise<WalletService> {
  const wallet = core.network.wallet;
  if (!wallet.status().exists) throw new TaggerError('locked', `There is no wallet in ${core.dataDir}. Create one in the app (Wallet) first: bundles are signed by their exporter.`);
  const file = ctx.values['password-file'] as string | undefined;
  let password = process.env.TAGGER_WALLET_PASSWORD;
  if (file) {
    try {
      password = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new TaggerError('not_found', `Cannot read the password file ${file} (${(e as NodeJS.ErrnoException).code}).`);
    }
  }
  if (!password) throw new TaggerError('locked', 'Signing a bundle needs the wallet password: pass --password-file FILE or set TAGGER_WALLET_PASSWORD.');
  await wallet.unlock(password);
  return wallet;
}

export function printVerify(r: BundleVerifyReport, out: (s: string) => void): void {
  if (r.project) out(`Bundle ${r.file}\n  project: ${r.project.name} (${r.project.id}), format ${r.format}, made ${new Date(r.createdAt ?? 0).toISOString()}${r.withMedia ? ', with media' : ', no media'}`);
  if (r.counts) out(`  holds: ${r.counts.tasks} task(s), ${r.counts.assets} asset(s), ${r.counts.objects} object(s), ${r.counts.submissions} submission(s), ${r.counts.reviews} review(s)`);
  if (r.signer) out(`  signed by ${r.signer} — ${r.trusted ? 'trusted here' : 'NOT on the trusted-keys list'}`);
  for (const s of r.signers) out(`  work signed by ${s.address}: ${s.submissions} submission(s), ${s.reviews} review(s)`);
  out(r.ok ? '  OK: every file, hash and signature checks out.' : `  ${r.problems.length} problem(s):`);
  for (const p of r.problems) out(`  - [${p.code}] ${p.message}`);
}

function printImport(r: BundleImportReport, out: (s: string) => void): void {
  out(`Imported into "${r.projectName}"${r.projectCreated ? ' (new project)' : ''}, signed by ${r.signer}:`);
  out(`  tasks ${r.tasks.added} new, ${r.tasks.existing} already here; assets ${r.assets.added} new, ${r.assets.existing} already here`);
  out(`  objects ${r.objects.added} new, ${r.objects.existing} already here${r.objects.keptLocal ? `, ${r.objects.keptLocal} differ and the local version was kept` : ''}`);
  out(`  submissions ${r.submissions.added} new, ${r.submissions.existing} already here; reviews ${r.reviews.added} new, ${r.reviews.existing} already here`);
  for (const f of r.flagged) out(`  flagged for review: task ${f.taskId} has ${f.versions} different signed versions by ${f.annotator} (all kept)`);
}

function onlyFile(ctx: CliContext, what: string): string {
  const [, file, ...extra] = ctx.positionals;
  if (!file || extra.length) throw new TaggerError('invalid_argument', `bundle ${what} needs exactly one FILE (a .tagger bundle).`);
  return file;
}

export const bundleCommand: CliCommand = {
  name: 'bundle',
  usage: 'bundle export --project NAME --out FILE [--tasks ID,...] [--with-media|--no-media] [--password-file F] | bundle import FILE | bundle verify FILE',
  summary: 'signed .tagger bundles: carry tasks in and signed work out without a network',
  details: `export   writes the project (or --tasks) with its media (unless --no-media), objects, submissions and reviews,
         signed by this data directory's wallet (password from --password-file or TAGGER_WALLET_PASSWORD).
import   checks every hash and signature and the signer against the trusted keys (tagger keys), then merges
         in one transaction; a bundle that fails any check is refused and nothing is written.
verify   prints who signed what and every problem; exit code 1 when there is any.`,
  options: { project: { type: 'string' }, out: { type: 'string' }, tasks: { type: 'string', multiple: true }, 'with-media': { type: 'boolean' }, 'no-media': { type: 'boolean' }, 'password-file': { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const sub = ctx.positionals[0];
    if (sub !== 'export' && sub !== 'import' && sub !== 'verify') throw new TaggerError('invalid_argument', `bundle needs a subcommand: export, import or verify (not "${sub ?? ''}").`);
    if (sub === 'import') {
      // A write: hand it to a running `tagger serve` (its page shows the result at once) or wait for the owner.
      const running = await runningServerOrWait(ctx.dataDir, (line) => process.stderr.write(`${line}\n`));
      if (running) {
        const r = await callRunning<BundleImportReport>(running, 'bundles.import', [path.resolve(onlyFile(ctx, sub))]);
        if (ctx.values.json) console.log(JSON.stringify(r, null, 2));
        else printImport(r, (s) => console.log(s));
        return 0;
      }
    }
    const core = createCore({ dataDir: ctx.dataDir, lock: sub === 'import' ? 'bundle import' : undefined });
    try {
      if (sub === 'export') {
        const name = ctx.values.project as string | undefined;
        const out = ctx.values.out as string | undefined;
        if (!name || !out) throw new TaggerError('invalid_argument', 'bundle export needs --project NAME and --out FILE.');
        if (ctx.values['with-media'] && ctx.values['no-media']) throw new TaggerError('invalid_argument', 'Choose one of --with-media and --no-media.');
        const project = core.projects.findByName(name);
        if (!project) throw new TaggerError('not_found', `No project named "${name}" in ${ctx.dataDir}.`);
        const taskIds = ((ctx.values.tasks as string[] | undefined) ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
        await unlockedWallet(core, ctx);
        const r = await core.bundles.exportBundle({ projectId: project.id, out, withMedia: !ctx.values['no-media'], taskIds: taskIds.length ? taskIds : undefined }, cliJob('Writing'));
        console.log(`Wrote ${r.path} (${formatBytes(r.bytes)}): ${r.tasks} task(s), ${r.assets} asset(s)${r.withMedia ? ' with media' : ', no media'}, ${r.objects} object(s), ${r.submissions} submission(s), ${r.reviews} review(s); signed by ${r.signer}`);
        return 0;
      }
      const file = onlyFile(ctx, sub);
      const service = core.bundles;
      if (sub === 'verify') {
        const r = await service.verify(file, cliJob('Checking'));
        if (ctx.values.json) console.log(JSON.stringify(r, null, 2));
        else printVerify(r, (s) => console.log(s));
        return r.ok ? 0 : 1;
      }
      const r = await service.importBundle(file, cliJob('Checking'));
      if (ctx.values.json) console.log(JSON.stringify(r, null, 2));
      else printImport(r, (s) => console.log(s));
      return 0;
    } catch (e) {
      // A refusal lists every problem, one per line, after the one-line reason.
      const problems = (e as TaggerError).detail?.problems as { code: string; message: string }[] | undefined;
      if (e instanceof TaggerError && problems?.length) throw new TaggerError(e.code, `${e.message.split(' (and ')[0]}${problems.length > 1 ? `\n${problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n')}` : ''}`);
      throw e;
    } finally {
      await core.close();
    }
  },
};

export const keysCommand: CliCommand = {
  name: 'keys',
  usage: 'keys trust ADDRESS [--name NAME] | keys untrust ADDRESS | keys list',
  summary: 'the trusted-keys list: wallets whose bundles this data directory imports',
  options: { name: { type: 'string' } },
  async run(ctx) {
    const [sub, address, ...extra] = ctx.positionals;
    if ((sub !== 'trust' && sub !== 'untrust' && sub !== 'list') || (sub !== 'list' && !address) || extra.length || (sub === 'list' && address))
      throw new TaggerError('invalid_argument', 'Usage: tagger keys trust ADDRESS [--name NAME] | keys untrust ADDRESS | keys list');
    if (sub !== 'list') {
      const running = await runningServerOrWait(ctx.dataDir, (line) => process.stderr.write(`${line}\n`));
      if (running) {
        const list = await callRunning<TrustedKeyInfo[]>(running, sub === 'trust' ? 'bundles.trust' : 'bundles.untrust', sub === 'trust' ? [address, (ctx.values.name as string | undefined) ?? ''] : [address]);
        console.log(sub === 'trust' ? `Trusted ${address} in the running Tagger (pid ${running.pid}): its signed bundles can now be imported here.` : `No longer trusted: ${address} (in the running Tagger, pid ${running.pid}).`);
        if (!list.length) console.log('The trusted-keys list is now empty.');
        return 0;
      }
    }
    const core = createCore({ dataDir: ctx.dataDir, lock: sub === 'list' ? undefined : `keys ${sub}` });
    try {
      const keys = core.trustedKeys;
      if (sub === 'trust') {
        const k = keys.trust(address, (ctx.values.name as string | undefined) ?? '');
        console.log(`Trusted ${k.address}${k.name ? ` (${k.name})` : ''}: its signed bundles can now be imported here.`);
      } else if (sub === 'untrust') {
        if (!keys.untrust(address)) throw new TaggerError('not_found', `${address} was not on the trusted-keys list (\`tagger keys list\` shows it).`);
        console.log(`No longer trusted: ${address}. Bundles it signs are refused here from now on.`);
      } else {
        const list = keys.list();
        if (!list.length) console.log('No trusted keys yet. Add a teammate with `tagger keys trust 0x… --name NAME` (their address is in their Wallet panel).');
        for (const k of list) console.log(`${k.address}  ${k.name || '-'}  added ${new Date(k.addedAt).toISOString()}`);
      }
      return 0;
    } finally {
      await core.close();
    }
  },
};
