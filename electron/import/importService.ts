// Imports files and folders into a project: every supported file becomes a content-addressed asset and one task.
// A file that cannot be used is reported with its reason and skipped; the rest still go in.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/db.ts';
import type { Asset, ImportIssue, ImportReport, ObjectInput } from '../../shared/domain.ts';
import { isTaggerError } from '../../shared/errors.ts';
import { MediaStore } from '../media/mediaStore.ts';
import type { AssetRepository } from '../store/repositories/assets.ts';
import type { TaskRepository } from '../store/repositories/tasks.ts';
import type { AnnotationRepository } from '../store/repositories/annotations.ts';
import { importerFor, SUPPORTED_EXTENSIONS } from './importers/index.ts';
import type { JobContext } from '../core/jobs.ts';

export interface ImportDeps {
  db: Db;
  media: MediaStore;
  assets: AssetRepository;
  tasks: TaskRepository;
  annotations: AnnotationRepository;
  now?: () => number;
}

/** Expands folders (recursively, sorted, hidden files skipped) into a flat list of files. */
export function collectFiles(paths: string[], issues: ImportIssue[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      issues.push({ path: p, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : `cannot read (${(e as NodeJS.ErrnoException).code})` });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = fs.readdirSync(p).sort();
      } catch (e) {
        issues.push({ path: p, reason: `cannot list the folder (${(e as NodeJS.ErrnoException).code})` });
        return;
      }
      for (const n of names) if (!n.startsWith('.')) walk(path.join(p, n));
    } else if (st.isFile()) out.push(p);
  };
  for (const p of paths) walk(path.resolve(p));
  return out;
}

export class ImportService {
  private readonly addedListeners: ((asset: Asset) => void)[] = [];
  constructor(private readonly d: ImportDeps) {}

  /** Called after an item's transaction commits (e.g. to start tiling a huge image in the background). */
  onAssetAdded(fn: (asset: Asset) => void): void {
    this.addedListeners.push(fn);
  }

  async importPaths(projectId: string, paths: string[], ctx?: JobContext): Promise<ImportReport> {
    const failed: ImportIssue[] = [];
    const files = collectFiles(paths, failed);
    const report: ImportReport = { projectId, imported: 0, duplicates: 0, failed };
    const now = this.d.now ?? Date.now;
    let done = 0;
    for (const file of files) {
      ctx?.throwIfCancelled();
      ctx?.progress(done, files.length, path.basename(file));
      done++;
      const importer = importerFor(file);
      if (!importer) {
        failed.push({ path: file, reason: `unsupported file type (supported: ${SUPPORTED_EXTENSIONS.join(', ')})` });
        continue;
      }
      try {
        // Content addressing lets a re-import skip a known file without decoding it.
        const fileSha = await MediaStore.hashFile(file);
        if (this.d.tasks.findByAsset(projectId, fileSha)) {
          report.duplicates++;
          continue;
        }
        const warnings: { line?: number; reason: string }[] = [];
        const items = await importer.read(file, (w) => warnings.push(w));
        for (const w of warnings) failed.push({ path: w.line ? `${file}:${w.line}` : file, reason: w.reason });
        for (const item of items) {
          const sha = item.file ? await this.d.media.putFile(item.file, item.file === file ? fileSha : undefined) : this.d.media.putBytes(item.bytes!);
          const asset: Asset = {
            id: sha, kind: item.kind, mime: item.mime, originalName: item.originalName, size: item.file ? fs.statSync(item.file).size : item.bytes!.length,
            width: item.width ?? null, height: item.height ?? null, durationMs: item.durationMs ?? null, meta: item.meta ?? {}, createdAt: now(),
          };
          const added = this.addTask(projectId, asset, item.objects);
          if (added) report.imported++;
          else report.duplicates++;
        }
      } catch (e) {
        if (isTaggerError(e) && e.code === 'cancelled') throw e;
        if (isTaggerError(e) && e.code === 'io' && /disk is full/.test(e.message)) throw e;
        failed.push({ path: file, reason: isTaggerError(e) ? e.message : `could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      }
    }
    ctx?.progress(files.length, files.length);
    return report;
  }

  /** One transaction per item: the asset row, the task and any objects that came with it. False for a duplicate. */
  addTask(projectId: string, asset: Asset, objects?: ObjectInput[]): boolean {
    const added = this.d.db.transaction(() => {
      this.d.assets.insertIfMissing(asset);
      if (this.d.tasks.findByAsset(projectId, asset.id)) return false;
      const task = this.d.tasks.create(projectId, asset.id);
      if (objects?.length) this.d.annotations.replaceAll(task.id, objects);
      return true;
    })();
    if (added) for (const fn of this.addedListeners) fn(asset);
    return added;
  }
}
