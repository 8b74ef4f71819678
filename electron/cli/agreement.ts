// `tagger agreement`: how well a project's annotators agree (pairs of annotators, alpha, label confusion).
import type { CliCommand } from './command.ts';
import { createCore } from '../core/createCore.ts';
import { TaggerError } from '../../shared/errors.ts';
import { projectAgreementReport } from '../review/agreementReport.ts';

const num = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);

export const agreementCommand: CliCommand = {
  name: 'agreement',
  usage: 'agreement --data DIR --project NAME [--json]',
  summary: 'agreement between the annotators\' versions of a project\'s tasks (Krippendorff\'s alpha, matched pairs)',
  details: 'Objects are matched one-to-one per task (boxes and polygons by IoU, segments and spans by 1-D overlap, same label first). alpha is Krippendorff\'s nominal alpha over matched clusters (an object someone left out counts as "none"); unitizedAlpha covers segments and spans on their time line or text. With --json: {"alpha", "unitizedAlpha", "tasks", "annotators", "pairs": [{"a","b","matched","labelMismatch","lowOverlap","missing","extra","meanIoU"}], "confusion"}.',
  options: { project: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const name = ctx.values.project as string | undefined;
    if (!name?.trim()) throw new TaggerError('invalid_argument', 'Name the project: --project NAME.');
    const core = createCore({ dataDir: ctx.dataDir });
    try {
      const project = core.projects.findByName(name);
      if (!project) throw new TaggerError('not_found', `No project named "${name}" in ${ctx.dataDir}.`);
      const r = projectAgreementReport(core, project.id);
      const pairs = r.pairs.map((p) => ({ ...p, meanIoU: num(p.meanIoU) }));
      if (ctx.values.json) {
        process.stdout.write(`${JSON.stringify({ alpha: num(r.alpha), unitizedAlpha: num(r.unitizedAlpha), tasks: r.tasks, annotators: r.annotators, pairs, confusion: r.confusion })}\n`);
        return 0;
      }
      if (!r.tasks) {
        process.stdout.write(`No task of "${project.name}" has two annotators' versions yet. Import one with: tagger import --data DIR --project "${project.name}" --annotations FILE --format F --annotator NAME\n`);
        return 0;
      }
      const out: string[] = [`${project.name}: ${r.tasks} task(s) with versions by ${r.annotators.join(', ')}`,
        `Krippendorff's alpha (objects, nominal): ${num(r.alpha) ?? 'n/a'}`, `Unitized alpha (segments and spans): ${num(r.unitizedAlpha) ?? 'n/a'}`, ''];
      const head = ['a', 'b', 'matched', 'label differs', 'low overlap', 'missing', 'extra', 'mean IoU'];
      const rows = pairs.map((p) => [p.a, p.b, p.matched, p.labelMismatch, p.lowOverlap, p.missing, p.extra, p.meanIoU ?? 'n/a'].map(String));
      const w = head.map((h, i) => Math.max(h.length, ...rows.map((r2) => r2[i].length)));
      for (const row of [head, ...rows]) out.push(row.map((c, i) => c.padEnd(w[i])).join('  '));
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    } finally {
      await core.close();
    }
  },
};
