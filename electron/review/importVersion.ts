// `tagger import --annotations FILE --format F --annotator NAME`: another tool's export becomes NAME's version of
// each matching task. The format adapters are the same as for the user's own work; they write through an
// annotations store scoped to NAME, so the user's work is never touched.
import type { CoreContext } from '../core/context.ts';
import { runImport } from '../formats/run.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { AnnotationImportReport } from '../../shared/api/formats.ts';
import type { LabelSchema, ObjectKind } from '../../shared/domain.ts';
import { VersionRepository, checkAnnotatorName } from './versions.ts';

/** Imports under way, by project and name: a second import of the same name waits for nothing and is refused, as
 *  its check of "no version yet" would pass before the first one records its version (two terminals, or the
 *  command line and the Import dialog at once, merged two files into one version, or one's failure deleted both). */
const importing = new Set<string>();

export async function importVersion(core: CoreContext, projectId: string, format: string, file: string, annotator: string): Promise<AnnotationImportReport & { versions: number }> {
  const name = checkAnnotatorName(annotator);
  const key = `${projectId}\u0000${name}`;
  if (importing.has(key)) throw new TaggerError('conflict', `An import of "${name}"'s version into this project is already running; nothing was imported. Wait for it to finish.`);
  importing.add(key);
  try {
    return await importOnce(core, projectId, format, file, name);
  } finally {
    importing.delete(key);
  }
}

async function importOnce(core: CoreContext, projectId: string, format: string, file: string, name: string): Promise<AnnotationImportReport & { versions: number }> {
  const versions = new VersionRepository(core.db, core.tasks, core.now);
  const project = core.projects.get(projectId);
  const taskIds = core.db.prepare('SELECT id FROM tasks WHERE project_id = ?').pluck().all(project.id) as string[];
  const already = taskIds.filter((id) => versions.list(id).some((v) => v.annotator === name)).length;
  if (already)
    throw new TaggerError('conflict', `"${name}" already has a version of ${already} task(s) in "${project.name}"; nothing was imported. Import under another name (--annotator ${name}-2) so no one's work is overwritten.`);
  const scoped = { ...core, annotations: versions.objectsOf(name) } as CoreContext;
  // NAME had nothing in this project (checked above), so undoing a failed import is deleting what NAME now has.
  const discard = core.db.transaction(() => {
    const del = core.db.prepare('DELETE FROM annotation_objects WHERE task_id = ? AND annotator = ?');
    const hist = core.db.prepare('DELETE FROM history WHERE task_id = ? AND annotator = ?');
    for (const id of taskIds) { del.run(id, name); hist.run(id, name); }
  });
  // Objects of NAME with no version row are what an import cut off (the app killed before it recorded the version):
  // they are no one's work, and would otherwise merge into this import.
  discard();
  let report: AnnotationImportReport;
  try {
    report = await runImport(scoped, project.id, format, file, { fixedVocabulary: true });
    const unknown = unknownLabels(project.schema, taskIds.flatMap((id) => versions.objectsOf(name).list(id)));
    if (unknown.length)
      throw new TaggerError('invalid_argument', `${file} uses labels this project's schema does not have: ${unknown.join('; ')}. Nothing was imported; map the labels to the project's (or add them to its schema) and import again.`);
  } catch (e) {
    discard();
    throw e;
  }
  const record = core.db.transaction(() => {
    let n = 0;
    for (const id of taskIds) if (versions.objectsOf(name).list(id).length) { versions.record(id, name, `import:${format}`); n++; }
    return n;
  });
  return { ...report, versions: record() };
}

const MODALITY: Partial<Record<ObjectKind, keyof LabelSchema>> = { box: 'image', polygon: 'image', segment: 'audio', span: 'text' };

/** "text: PER, ORG (known: person, organization)" for each modality whose objects carry labels its schema lacks. */
export function unknownLabels(schema: LabelSchema, objects: readonly { kind: ObjectKind; label: string }[]): string[] {
  const bad = new Map<keyof LabelSchema, Set<string>>();
  for (const o of objects) {
    const m = MODALITY[o.kind];
    if (!m) continue;
    const known = schema[m]?.labels ?? [];
    if (!known.some((l) => l.id === o.label)) bad.set(m, (bad.get(m) ?? new Set()).add(o.label));
  }
  return [...bad].map(([m, ls]) => `${m}: ${[...ls].sort().join(', ')} (known: ${(schema[m]?.labels ?? []).map((l) => l.id).join(', ') || 'none'})`);
}
