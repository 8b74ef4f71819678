// The rules both stores apply when a verified bundle's project comes in (importedWork.ts): who may add to a
// project, which tasks are new, and what the new ones cost.
import { requiredBudgetMicro } from '../../shared/microTag.ts';
import { HttpError } from '../errors.ts';
import { checkPublishAssets } from './storeCommon.ts';
import type { ImportedProject, ImportedTask } from './importedWork.ts';

export interface ExistingProject { requester: string | null; redundancy: number; baseReward: number }

export interface ImportPlan { create: boolean; newTasks: ImportedTask[]; existingTasks: number; cost: number }

/**
 * Decides what an import adds, from what the store holds: refuses a project that someone else published here, or
 * a task id that names a task of another project; new tasks are paid for on the project's own terms.
 */
export function planProjectImport(p: ImportedProject, existing: ExistingProject | null, taskProject: (id: string) => string | null, knownSize: (sha256: string) => number | null): ImportPlan {
  if (existing && existing.requester !== p.requester)
    throw new HttpError(409, 'conflict', `project ${p.id} on this node was published by ${existing.requester ?? 'an earlier node'}, and this bundle is signed by ${p.requester}: only the wallet that put a project here may add to it`);
  const newTasks: ImportedTask[] = [];
  let existingTasks = 0;
  for (const t of p.tasks) {
    const owner = taskProject(t.id);
    if (owner === null) newTasks.push(t);
    else if (owner === p.id) existingTasks++;
    else throw new HttpError(409, 'conflict', `task ${t.id} of the bundle is a task of project ${owner} on this node, not of ${p.id}; the bundle cannot be merged`);
  }
  checkPublishAssets(newTasks.map((t) => ({ ...t, size: t.size ?? -1 })).filter((t) => t.size >= 0), knownSize);
  const terms = existing ?? p;
  return { create: !existing, newTasks, existingTasks, cost: requiredBudgetMicro(terms.redundancy, terms.baseReward, newTasks) };
}
