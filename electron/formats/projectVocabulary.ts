// Where an import starts its vocabulary from: the project's labels (or audio tiers), except that the starter
// labels a new project gets are dropped when nothing uses them and the file brings its own, so a dataset's
// classes come back alone, in their order, with their ids.
import type { Db } from '../store/db.ts';
import type { ProjectRepository } from '../store/repositories/projects.ts';

/** What these lookups read (a Core has both; the file importer passes its own). */
export interface VocabularyDeps { db: Db; projects: ProjectRepository }
import type { AssetKind, LabelDef, TierDef } from '../../shared/domain.ts';
import { defaultSchema } from '../../shared/defaultSchema.ts';
import { isStarterVocabulary } from '../../shared/formats/vocabulary.ts';

function anyObjectUses(core: VocabularyDeps, projectId: string, labels: string[]): boolean {
  if (!labels.length) return false;
  const row = core.db
    .prepare(`SELECT 1 FROM annotation_objects o JOIN tasks t ON t.id = o.task_id WHERE t.project_id = ? AND o.label IN (${labels.map(() => '?').join(',')}) LIMIT 1`)
    .get(projectId, ...labels);
  return !!row;
}

/** The labels an import of `kind` resolves against: the project's, or none when they are the unused starter
 *  labels and the file brings its own (those are then offered for reuse by exact name). */
export function startingLabels(core: VocabularyDeps, projectId: string, kind: AssetKind, fileHasVocabulary: boolean): { labels: LabelDef[]; reuse: LabelDef[] } {
  const labels = core.projects.get(projectId).schema[kind]?.labels ?? [];
  if (fileHasVocabulary && isStarterVocabulary(kind, labels) && !anyObjectUses(core, projectId, labels.map((l) => l.id))) return { labels: [], reuse: labels };
  return { labels, reuse: [] };
}

/** The audio tiers an import resolves speakers against (the starter tiers are left out when no segment is on them). */
export function startingTiers(core: VocabularyDeps, projectId: string, fileHasSpeakers: boolean): TierDef[] {
  const tiers = core.projects.get(projectId).schema.audio?.tiers ?? [];
  const starter = defaultSchema().audio?.tiers ?? [];
  const isStarter = tiers.length === starter.length && tiers.every((t, i) => t.id === starter[i].id && t.name === starter[i].name);
  if (!fileHasSpeakers || !isStarter) return tiers;
  const used = core.db
    .prepare(`SELECT 1 FROM annotation_objects o JOIN tasks t ON t.id = o.task_id WHERE t.project_id = ? AND o.kind = 'segment' AND json_extract(o.geometry_json, '$.tier') IN (${tiers.map(() => '?').join(',')}) LIMIT 1`)
    .get(projectId, ...tiers.map((t) => t.id));
  return used ? tiers : [];
}
