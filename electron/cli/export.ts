// `tagger export`: a project's annotations in a chosen format.
import type { CliCommand } from './command.ts';
import { createCore } from '../core/createCore.ts';
import { TaggerError } from '../../shared/errors.ts';
import { runExport } from '../formats/run.ts';
import { FORMAT_ADAPTERS } from '../formats/registry.ts';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export --data DIR --project NAME --format FORMAT --out PATH',
  summary: 'write a project\'s annotations as COCO, YOLO, VOC, CoNLL, RTTM, TextGrid ... (see --help)',
  get details() {
    return `Formats: ${FORMAT_ADAPTERS.filter((a) => a.export).map((a) => `${a.id} (${a.label}, ${a.kind})`).join(', ') || 'none installed'}`;
  },
  options: { project: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const name = ctx.values.project as string | undefined;
    const format = ctx.values.format as string | undefined;
    const out = ctx.values.out as string | undefined;
    if (!name || !format || !out) throw new TaggerError('invalid_argument', 'export needs --project NAME, --format FORMAT and --out PATH.');
    const core = createCore({ dataDir: ctx.dataDir });
    try {
      const project = core.projects.findByName(name);
      if (!project) throw new TaggerError('not_found', `No project named "${name}" in ${ctx.dataDir}.`);
      const r = await runExport(core, project.id, format, out);
      process.stderr.write(`Exported ${r.objects} object(s) of ${r.tasks} task(s) to ${r.path}\n`);
      for (const w of r.warnings) process.stderr.write(`  note: ${w}\n`);
      return 0;
    } finally {
      await core.close();
    }
  },
};
