// Runs a format adapter's import or export as a job, for the contract, the CLI and version imports alike.
import path from 'node:path';
import { TaggerError } from '../../shared/errors.ts';
import type { CoreContext } from '../core/context.ts';
import { FORMAT_ADAPTERS, type FormatAdapter, type ImportOptions } from './registry.ts';
import './index.ts';

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

export function runImport(core: CoreContext, projectId: string, formatId: string, inPath: string, options: ImportOptions = {}) {
  const a = findFormat(formatId);
  if (!a.import) throw new TaggerError('unsupported', `${a.label} can only be exported.`);
  const project = core.projects.get(projectId);
  return core.jobs.run(`Import ${a.label}`, (ctx) => a.import!(core, project.id, path.resolve(inPath), ctx, options));
}
