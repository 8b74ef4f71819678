// `tagger verify EXPORT [--rpc URL]`: checks a verifiable export from a node, label by label, and says exactly
// what was checked offline and what was compared with the chain.
import fs from 'node:fs';
import type { CliCommand } from './commands.ts';
import { TaggerError } from '../../shared/errors.ts';
import { parseExport, verifyExport, type LabelReport } from '../chain/verifyExport.ts';
import { anchorsOnChain } from '../chain/anchorsOnChain.ts';

const short = (h: string) => `${h.slice(0, 10)}…`;

function line(l: LabelReport): string {
  const who = l.signer ? `made by ${l.signer}` : 'maker unknown';
  const rev = l.reviews.length ? `reviewed by ${l.reviews.map((r) => `${r.reviewer ?? 'an unverified signer'} (${r.verdict}, quality ${r.quality})`).join(', ')}` : 'not reviewed';
  const where = l.epoch ? `anchored in epoch ${l.epoch}` : 'not anchored';
  const head = `${l.ok ? 'ok  ' : 'FAIL'} ${short(l.id)} task ${l.taskId}: ${who}, ${rev}, ${where}, reward ${l.reward} TAG`;
  return l.ok ? head : `${head}\n       ${l.problems.join('\n       ')}`;
}

export const verifyCommand: CliCommand = {
  name: 'verify',
  usage: 'verify EXPORT.json [--rpc URL] [--quiet]',
  summary: "check a dataset export: each label's signer, reviews, anchor proof and reward formula",
  details: 'Export a project with GET /v1/chain/export?project=ID on its node. Offline, everything is checked against the roots the export carries; with --rpc the roots are compared with the AnchorRegistry on chain. --quiet prints only failing labels and the summary.',
  options: { rpc: { type: 'string' }, quiet: { type: 'boolean' } },
  async run(ctx) {
    const file = ctx.positionals[0];
    if (!file || ctx.positionals.length > 1) throw new TaggerError('invalid_argument', 'name one export file: tagger verify EXPORT.json [--rpc URL]');
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
