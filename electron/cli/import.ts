// `tagger import`: files or folders into a project (created with the default schema when missing).
import path from 'node:path';
import type { CliCommand } from './command.ts';
import { createCore } from '../core/createCore.ts';
import { TaggerError } from '../../shared/errors.ts';
import { runImport } from '../formats/run.ts';
import { readLock, type LockInfo } from '../core/instanceLock.ts';
import { callRunning, waitForDirectory } from './runningInstance.ts';
import type { ImportReport, ProjectSummary, Project } from '../../shared/domain.ts';
import type { AnnotationImportReport } from '../../shared/api/formats.ts';
import type { LabelMapping } from '../../shared/formats/vocabulary.ts';

function printReport(projectName: string, report: ImportReport): number {
  process.stderr.write(`Imported ${report.imported} item(s) into "${projectName}", skipped ${report.duplicates} duplicate(s), ${report.failed.length} failed.\n`);
  if (report.merged) process.stderr.write(`  note: ${report.merged} item(s) were already in the project with fewer labels; the labels they lacked were added.\n`);
  if (report.versions) process.stderr.write(`  note: ${report.versions} item(s) repeat a text already in the project with other labels; each was kept as another annotator's version of that task (shown in Review, written back as its own record on export).\n`);
  for (const f of report.failed) process.stderr.write(`  skipped ${f.path}: ${f.reason}\n`);
  return report.failed.length;
}

interface AnnotationsArg { file: string; format: string; annotator?: string; mapping?: LabelMapping }

function printAnnotationReport(a: AnnotationsArg, r: AnnotationImportReport): number {
  const whose = a.annotator === undefined ? '' : ` as ${a.annotator.trim()}'s version`;
  process.stderr.write(`Read ${r.objects} annotation(s) onto ${r.tasks} task(s)${whose} from ${a.file}; ${r.skipped.length} skipped.\n`);
  for (const f of r.skipped) process.stderr.write(`  skipped ${f.path}: ${f.reason}\n`);
  for (const n of r.notes ?? []) process.stderr.write(`  note: ${n}\n`);
  return r.skipped.length;
}

/** The directory belongs to a running `tagger serve`: it does the import, and its page shows the new tasks and
 *  versions at once, so nobody has to stop it to bring in an annotator's file. (The desktop app serves no local API
 *  yet: an import waits until it is closed, and says so.) */
async function importThroughRunning(holder: LockInfo, name: string, paths: string[], annotations: AnnotationsArg | null): Promise<number> {
  process.stderr.write(`The Tagger running as pid ${holder.pid} holds this data directory; it does the import.\n`);
  const projects = await callRunning<ProjectSummary[]>(holder, 'projects.list', []);
  const project = projects.find((p) => p.name === name) ?? (await callRunning<Project>(holder, 'projects.create', [{ name }]));
  let failures = 0;
  if (paths.length) failures += printReport(project.name, await callRunning<ImportReport>(holder, 'imports.paths', [project.id, paths.map((p) => path.resolve(p))]));
  if (annotations) {
    const options = { ...(annotations.mapping ? { mapping: annotations.mapping } : {}), ...(annotations.annotator !== undefined ? { annotator: annotations.annotator } : {}) };
    failures += printAnnotationReport(annotations, await callRunning<AnnotationImportReport>(holder, 'formats.import', [project.id, annotations.format, path.resolve(annotations.file), options]));
  }
  return failures ? 1 : 0;
}
import { importVersion } from '../review/importVersion.ts';
import { parseLabelMapping } from '../../shared/formats/vocabulary.ts';

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import --data DIR --project NAME [--annotations FILE --format F [--annotator NAME] [--map-labels A=B,C=skip,...]] PATH...',
  summary: 'import image, audio and text files or folders into a project (one task per item)',
  details: 'With --annotations FILE --format F, annotations in that format are read onto the project\'s tasks after the files (matched by file name); with --annotator NAME they become NAME\'s version of each task (for review and `tagger agreement`), leaving your own work untouched. Label names are kept exactly as the file writes them, with the file\'s class ids; a new project gets the file\'s labels instead of the starter ones. --map-labels "person=Person,car=Vehicle,cat=skip" maps names in the file onto labels the project already has, and leaves the objects of a name mapped to skip out. Files are stored by SHA-256; duplicates are skipped. Unreadable or unsupported files are listed with the reason; the rest are imported. Exit code 1 when any file failed.',
  options: { project: { type: 'string' }, annotations: { type: 'string' }, format: { type: 'string' }, annotator: { type: 'string' }, 'map-labels': { type: 'string' } },
  async run(ctx) {
    const name = ctx.values.project as string | undefined;
    if (!name?.trim()) throw new TaggerError('invalid_argument', 'Name the project: --project NAME (it is created if missing).');
    const annotations = ctx.values.annotations as string | undefined;
    const format = ctx.values.format as string | undefined;
    if (!!annotations !== !!format) throw new TaggerError('invalid_argument', '--annotations FILE and --format F go together.');
    const annotator = ctx.values.annotator as string | undefined;
    if (annotator !== undefined && !annotations) throw new TaggerError('invalid_argument', '--annotator NAME names whose version --annotations FILE is; give the file and its --format too.');
    const mapText = ctx.values['map-labels'] as string | undefined;
    if (mapText !== undefined && !annotations) throw new TaggerError('invalid_argument', '--map-labels applies to --annotations FILE --format F.');
    if (mapText !== undefined && annotator !== undefined) throw new TaggerError('invalid_argument', '--map-labels does not apply to an --annotator version yet; import the version without it.');
    const mapping = mapText === undefined ? undefined : parseLabelMapping(mapText);
    if (!ctx.positionals.length && !annotations) throw new TaggerError('invalid_argument', 'Give at least one file or folder to import.');
    const holder = readLock(ctx.dataDir);
    const wanted = annotations && format ? { file: annotations, format, annotator, mapping } : null;
    if (holder?.url) return importThroughRunning(holder, name, ctx.positionals, wanted);
    if (holder) await waitForDirectory(ctx.dataDir, (line) => process.stderr.write(`${line}\n`));
    const core = createCore({ dataDir: ctx.dataDir, lock: 'import' });
    try {
      const project = core.projects.findByName(name) ?? core.projects.create({ name });
      const tty = process.stderr.isTTY;
      core.events.subscribe((ev, p) => {
        if (ev !== 'progress') return;
        const pr = p as { done: number; total: number; message?: string; state: string };
        if (pr.state !== 'running') return;
        const line = `Importing ${pr.done}/${pr.total} ${pr.message ?? ''}`;
        process.stderr.write(tty ? `\r${line.slice(0, 100).padEnd(100)}` : `${line}\n`);
      });
      let failures = 0;
      if (ctx.positionals.length) {
        const report = await core.jobs.run('Import', (job) => core.imports.importPaths(project.id, ctx.positionals, job));
        if (tty) process.stderr.write('\n');
        failures += printReport(project.name, report);
      }
      if (wanted) {
        const r = annotator === undefined ? await runImport(core, project.id, wanted.format, wanted.file, { mapping }) : await importVersion(core, project.id, wanted.format, wanted.file, annotator);
        if (tty) process.stderr.write('\n');
        failures += printAnnotationReport(wanted, r);
      }
      return failures ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};
