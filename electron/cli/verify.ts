// `tagger verify EXPORT_OR_BUNDLE [--rpc URL]`: checks a verifiable export from a node, label by label, and says
// exactly what was checked offline and what was compared with the chain; a signed bundle (.tagger) is checked
// label by label for who made and who reviewed each, and the report says what a bundle cannot show.
import fs from 'node:fs';
import type { CliCommand } from './command.ts';
import { TaggerError } from '../../shared/errors.ts';
import { parseExport, verifyExport, type LabelReport } from '../chain/verifyExport.ts';
import { anchorsOnChain } from '../chain/anchorsOnChain.ts';
import { looksLikeBundle, verifyBundleLabels, type BundleLabel } from '../chain/verifyBundleLabels.ts';

const short = (h: string) => `${h.slice(0, 10)}…`;

function line(l: LabelReport): string {
  const who = l.signer ? `made by ${l.signer}` : 'maker unknown';
  const rev = l.reviews.length ? `reviewed by ${l.reviews.map((r) => `${r.reviewer ?? 'an unverified signer'} (${r.verdict}, quality ${r.quality})`).join(', ')}` : 'not reviewed';
  const where = l.epoch ? `anchored in epoch ${l.epoch}` : 'not anchored';
  const head = `${l.ok ? 'ok  ' : 'FAIL'} ${short(l.id)} task ${l.taskId}: ${who}, ${rev}, ${where}, reward ${l.reward} TAG`;
  return l.ok ? head : `${head}\n       ${l.problems.join('\n       ')}`;
}

function bundleLine(l: BundleLabel): string {
  const who = l.signer ? `made by ${l.signer}` : 'maker unknown';
  const rev = l.reviews.length ? `reviewed by ${l.reviews.map((r) => `${r.reviewer} (${r.verdict})`).join(', ')}` : 'not reviewed';
  const head = `${l.ok ? 'ok  ' : 'FAIL'} ${short(l.id)} task ${l.taskId}: ${who}, ${rev}`;
  return l.ok ? head : `${head}\n       ${l.problems.join('\n       ')}`;
}

async function verifyBundleFile(file: string, quiet: boolean, rpc: string | undefined): Promise<number> {
  const r = await verifyBundleLabels(file);
  const out: string[] = [];
  for (const l of r.labels) if (!quiet || !l.ok) out.push(bundleLine(l));
  const failed = r.labels.filter((l) => !l.ok).length;
  const m = r.bundle.manifest;
  out.push('', `${r.labels.length} signed labels in bundle ${file}${m ? ` (project ${m.project.name})` : ''}: ${r.labels.filter((l) => l.signer).length} carry their annotator's valid EIP-712 signature, ${r.labels.filter((l) => l.reviews.length).length} reviewed with a valid signed Review.`);
  out.push(r.bundle.signer ? `The bundle is signed by ${r.bundle.signer}, and every file in it matches its signed manifest.` : 'The bundle\'s own signature does not hold (see below).');
  out.push(`A bundle carries signed work, not anchors or rewards: to check those, export the project from its node (GET /v1/chain/export?project=ID) and run tagger verify on the export${rpc ? '; --rpc was not used' : ''}.`);
  for (const p of r.problems) out.push(`FAIL [${p.code}] ${p.message}`);
  out.push(r.ok ? 'VERIFIED (signatures only)' : `NOT VERIFIED: ${failed} label${failed === 1 ? '' : 's'} failed${r.problems.length ? `, ${r.problems.length} problem(s) with the bundle` : ''}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return r.ok ? 0 : 1;
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify EXPORT.json|BUNDLE.tagger [--rpc URL] [--quiet]',
  summary: "check a dataset export or bundle: each label's signer, reviews, anchor proof and reward formula",
  details: 'Export a project with GET /v1/chain/export?project=ID on its node. Offline, everything is checked against the roots the export carries; with --rpc the roots are compared with the AnchorRegistry on chain. A signed bundle (.tagger) is checked for who made and reviewed each label and that nothing in it changed since it was signed; it carries no anchors or rewards. --quiet prints only failing labels and the summary.',
  options: { rpc: { type: 'string' }, quiet: { type: 'boolean' } },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file || ctx.positionals.length > 1) throw new TaggerError('invalid_argument', 'name one export or bundle: tagger verify EXPORT.json|BUNDLE.tagger [--rpc URL]');
    let bundle: boolean;
    try {
      bundle = looksLikeBundle(file);
    } catch (e) {
      throw new TaggerError('io', `cannot read ${file}: ${(e as Error).message}`);
    }
    if (bundle) return verifyBundleFile(file, Boolean(ctx.values.quiet), ctx.values.rpc as string | undefined);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new TaggerError('io', `cannot read ${file}: ${(e as Error).message}`);
    }
    let exp;
    try {
      exp = parseExport(text, file);
    } catch (e) {
      throw new TaggerError('invalid_argument', (e as Error).message);
    }
    const rpc = ctx.values.rpc as string | undefined;
    let onChain = null;
    if (rpc) {
      try {
        onChain = await anchorsOnChain(rpc, exp);
      } catch (e) {
        throw new TaggerError('io', `cannot read the anchors on chain: ${(e as Error).message}`);
      }
    }
    const report = verifyExport(exp, onChain);
    const out: string[] = [];
    for (const l of report.labels) if (!ctx.values.quiet || !l.ok) out.push(line(l));
    const failed = report.labels.filter((l) => !l.ok).length;
    const signed = report.labels.filter((l) => l.signer).length;
    const reviewed = report.labels.filter((l) => l.reviews.length).length;
    const anchored = report.labels.filter((l) => l.epoch !== null).length;
    out.push('', `${report.labels.length} labels of project ${exp.project.id} from ${exp.node}: ${signed} carry their annotator's valid EIP-712 signature, ${reviewed} reviewed, ${anchored} anchored in epoch${report.epochs.length === 1 ? '' : 's'} ${report.epochs.join(', ') || '(none)'}; rewards follow ${exp.rules.formula} (rules v${exp.rules.version}).`);
    if (!exp.chain) out.push('This export comes from a node without a chain: signatures and rewards are checked; nothing is anchored.');
    else if (onChain) out.push(`Anchor roots compared with AnchorRegistry ${exp.chain.anchors} on chain ${exp.chain.chainId} via ${rpc}: ${report.checkedOnChain.length} of ${report.epochs.length} epochs found on chain.`);
    else out.push(`OFFLINE: everything was checked except that the epochs' anchor roots are the ones on chain ${exp.chain.chainId}; run with --rpc URL to compare them with AnchorRegistry ${exp.chain.anchors}.`);
    for (const p of report.problems) out.push(`FAIL ${p}`);
    out.push(report.ok ? 'VERIFIED' : `NOT VERIFIED: ${failed} label${failed === 1 ? '' : 's'} failed${report.problems.length ? `, ${report.problems.length} problem(s) with the epochs` : ''}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return report.ok ? 0 : 1;
  },
};
