// Runs a format adapter's import or export as a job, for the contract, the CLI and version imports alike.
import path from 'node:path';
import { TaggerError } from '../../shared/errors.ts';
import type { CoreContext } from '../core/context.ts';
import { FORMAT_ADAPTERS, type FormatAdapter, type ImportOptions } from './registry.ts';
import './index.ts';
import type { ImportPreview } from '../../shared/api/formats.ts';
import type { LabelMapping } from '../../shared/formats/vocabulary.ts';

export function findFormat(id: string): FormatAdapter {
  const a = FORMAT_ADAPTERS.find((x) => x.id === id);
  if (!a) throw new TaggerError('not_found', `Unknown format "${id}". Known: ${FORMAT_ADAPTERS.map((x) => x.id).join(', ') || 'none'}.`);
  return a;
}

export function runExport(core: CoreContext, projectId: string, formatId: string, outPath: string) {
  const a = findFormat(formatId);
  if (!a.export) throw new TaggerError('unsupported', `${a.label} can only be imported.`);
  const project = core.projects.get(projectId);
  return core.jobs.run(`Export ${a.label}`, (ctx) => a.export!(core, project.id, path.resolve(outPath), ctx));
}

/** `remember`: after the import, the mapping is kept on the project as the one to offer for this format next time. */
export function runImport(core: CoreContext, projectId: string, formatId: string, inPath: string, options: ImportOptions & { remember?: boolean } = {}) {
  const a = findFormat(formatId);
  if (!a.import) throw new TaggerError('unsupported', `${a.label} can only be exported.`);
  const project = core.projects.get(projectId);
  const { remember, ...opts } = options;
  return core.jobs.run(`Import ${a.label}`, async (ctx) => {
    const report = await a.import!(core, project.id, path.resolve(inPath), ctx, opts);
    if (remember) rememberMapping(core, project.id, a, opts.mapping ?? {});
    return report;
  });
}

function rememberMapping(core: CoreContext, projectId: string, a: FormatAdapter, mapping: LabelMapping) {
  const project = core.projects.get(projectId);
  const modality = project.schema[a.kind] ?? { labels: [], attributes: [] };
  const importMappings = { ...modality.importMappings, [a.id]: mapping };
  core.projects.update(projectId, { schema: { ...project.schema, [a.kind]: { ...modality, importMappings } } });
}

/** The file's label names for the Import dialog's mapping step, and the mapping last chosen for this format (its
 *  targets that are no longer labels of the project left out). Null when the format has no labels to map. */
export async function runInspect(core: CoreContext, projectId: string, formatId: string, inPath: string): Promise<ImportPreview | null> {
  const a = findFormat(formatId);
  if (!a.import) throw new TaggerError('unsupported', `${a.label} can only be exported.`);
  if (!a.inspect) return null;
  const project = core.projects.get(projectId);
  const classes = await core.jobs.run(`Read ${a.label}`, (ctx) => a.inspect!(core, project.id, path.resolve(inPath), ctx));
  const modality = project.schema[a.kind];
  const ids = new Set((modality?.labels ?? []).map((l) => l.id));
  const remembered = Object.fromEntries(Object.entries(modality?.importMappings?.[a.id] ?? {}).filter(([, to]) => to === null || ids.has(to)));
  return { classes, remembered };
}
