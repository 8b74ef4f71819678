import path from 'node:path';
import type { TaggerHandlers } from '../../shared/api/index.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { Core } from '../core/createCore.ts';
import { FORMAT_ADAPTERS, formatInfo, type FormatAdapter, type ImportOptions } from './registry.ts';
import './index.ts';

export function findFormat(id: string): FormatAdapter {
  const a = FORMAT_ADAPTERS.find((x) => x.id === id);
  if (!a) throw new TaggerError('not_found', `Unknown format "${id}". Known: ${FORMAT_ADAPTERS.map((x) => x.id).join(', ') || 'none'}.`);
  return a;
}

export function runExport(core: Core, projectId: string, formatId: string, outPath: string) {
  const a = findFormat(formatId);
  if (!a.export) throw new TaggerError('unsupported', `${a.label} can only be imported.`);
  const project = core.projects.get(projectId);
  return core.jobs.run(`Export ${a.label}`, (ctx) => a.export!(core, project.id, path.resolve(outPath), ctx));
}

export function runImport(core: Core, projectId: string, formatId: string, inPath: string, options: ImportOptions = {}) {
  const a = findFormat(formatId);
  if (!a.import) throw new TaggerError('unsupported', `${a.label} can only be exported.`);
  const project = core.projects.get(projectId);
  return core.jobs.run(`Import ${a.label}`, (ctx) => a.import!(core, project.id, path.resolve(inPath), ctx, options));
}

export function createFormatHandlers(core: Core): TaggerHandlers['formats'] {
  return {
    list: () => FORMAT_ADAPTERS.map(formatInfo),
    export: (projectId, formatId, outPath) => runExport(core, projectId, formatId, outPath),
    import: (projectId, formatId, inPath) => runImport(core, projectId, formatId, inPath),
  };
}
