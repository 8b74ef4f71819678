// Imports files and folders into a project: every supported file becomes a content-addressed asset and one task.
// A file that cannot be used is reported with its reason and skipped; the rest still go in.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/db.ts';
import { isFrozenStatus, type Asset, type AssetKind, type ImportIssue, type ImportReport, type ObjectInput } from '../../shared/domain.ts';
import type { ProjectRepository } from '../store/repositories/projects.ts';
import { startingLabels } from '../formats/projectVocabulary.ts';
import { vocabulary } from '../../shared/formats/vocabulary.ts';
import { shapeKey } from '../../shared/formats/shapeKey.ts';
import { nextZ, toObjectInput } from '../../shared/objects.ts';
import { isTaggerError } from '../../shared/errors.ts';
import { MediaStore } from '../media/mediaStore.ts';
import type { AssetRepository } from '../store/repositories/assets.ts';
import type { TaskRepository, TaskSource } from '../store/repositories/tasks.ts';
import type { AnnotationRepository } from '../store/repositories/annotations.ts';
import { importerFor, SUPPORTED_EXTENSIONS } from './importers/index.ts';
import type { JobContext } from '../core/jobs.ts';

/** Folder order as people number files: page-2 before page-10 (a plain sort queued n1, n10, n11, n2). */
const naturalNames = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });
export function byNaturalName(a: string, b: string): number {
  return naturalNames.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
import { VersionRepository } from '../review/versions.ts';

export interface ImportDeps {
  db: Db;
  media: MediaStore;
  assets: AssetRepository;
  tasks: TaskRepository;
  annotations: AnnotationRepository;
  /** To resolve the label names of objects that come with a file (JSONL, CoNLL) onto the project's labels. */
  projects?: ProjectRepository;
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
        names = fs.readdirSync(p).sort(byNaturalName);
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
    const report: ImportReport = { projectId, imported: 0, duplicates: 0, merged: 0, failed };
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
          const added = this.addTask(projectId, asset, item.objects, item.source);
          if (added === 'added') report.imported++;
          else if (added === 'merged') report.merged = (report.merged ?? 0) + 1;
          else if (added === 'version') report.versions = (report.versions ?? 0) + 1;
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

  /** One transaction per item: the asset row, the task and any objects that came with it (their label names
   *  resolved onto the project's labels, new ones added). An item whose content is already a task of the project:
   *  - the same record again (same source id, or none) adds the objects the task lacks: 'merged', or 'duplicate';
   *  - another record of the same text (a dataset repeating a text with other labels: a second doccano line, a
   *    second CoNLL document) becomes another annotator's version of that task, named after its source id
   *    ("line-7"), with its id and metadata kept for export: 'version'. The one-task-per-text rule that every
   *    match by content relies on stays, nothing of either record is lost, and review shows them side by side. */
  addTask(projectId: string, asset: Asset, objects?: ObjectInput[], source: TaskSource = {}): 'added' | 'merged' | 'duplicate' | 'version' {
    const result = this.d.db.transaction((): 'added' | 'merged' | 'duplicate' | 'version' => {
      this.d.assets.insertIfMissing(asset);
      const resolved = objects?.length ? this.resolveLabels(projectId, asset.kind, objects) : objects;
      const existing = this.d.tasks.findByAsset(projectId, asset.id);
      if (existing) {
        if (!resolved?.length) return 'duplicate';
        const have = this.d.annotations.list(existing.id);
        const keys = new Set(have.map((o) => shapeKey(o.kind, o.label, o.geometry)));
        const fresh = resolved.filter((o) => o.kind !== 'relation' && !keys.has(shapeKey(o.kind, o.label, o.geometry)));
        const own = this.d.tasks.source(existing.id, { columns: false }).sourceName;
        const line = source.sourceName;
        if (line !== undefined && line !== own) return this.addVersion(existing.id, source, resolved);
        if (!fresh.length) return 'duplicate';
        if (line === undefined && own === undefined) return this.addVersion(existing.id, source, resolved);
        if (isFrozenStatus(existing.status)) return 'duplicate';
        let z = nextZ(have);
        this.d.annotations.replaceAll(existing.id, [...have.map(toObjectInput), ...fresh.map((o) => ({ ...o, z: z++ }))]);
        return 'merged';
      }
      const task = this.d.tasks.create(projectId, asset.id);
      this.d.tasks.setSource(task.id, source);
      if (resolved?.length) this.d.annotations.replaceAll(task.id, resolved);
      return 'added';
    })();
    if (result === 'added') for (const fn of this.addedListeners) fn(asset);
    return result;
  }

  /** A repeated record as another annotator's version of the task (see addTask and VersionRepository.addRepeat). */
  private addVersion(taskId: string, source: TaskSource, objects: ObjectInput[]): 'version' | 'duplicate' {
    return new VersionRepository(this.d.db, this.d.tasks, this.d.now).addRepeat(taskId, objects, { ...source }) ? 'version' : 'duplicate';
  }

  private resolveLabels(projectId: string, kind: AssetKind, objects: ObjectInput[]): ObjectInput[] {
    const projects = this.d.projects;
    if (!projects) return objects;
    const labelled = objects.filter((o) => LABELLED.has(o.kind));
    if (!labelled.length) return objects;
    const start = startingLabels({ db: this.d.db, projects }, projectId, kind, true);
    const vocab = vocabulary(start.labels, [], {}, start.reuse);
    const out = objects.map((o) => (LABELLED.has(o.kind) ? { ...o, label: vocab.resolve(o.label) } : o));
    if (vocab.changed()) {
      const project = projects.get(projectId);
      const m = project.schema[kind] ?? { labels: [], attributes: [] };
      projects.update(projectId, { schema: { ...project.schema, [kind]: { ...m, labels: vocab.labels() } } });
    }
    return out;
  }
}

/** Object kinds whose label is one of the schema's labels (relations and document labels name other lists). */
const LABELLED = new Set<string>(['box', 'polygon', 'segment', 'span']);
