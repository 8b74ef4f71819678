// A node fed and drained by bundles (`tagger node import|export`): what the stores take in from a verified bundle
// and give out for one, and the rules both stores apply the same way. The bundle itself is read and verified by
// the workstation's bundle code (one verification path); the node only ever sees work that passed it.
import type { AssetKind } from '../../shared/domain.ts';
import { requiredBudget } from '../../shared/signing/requests.ts';
import { HttpError } from '../errors.ts';
import { checkPublishAssets } from './storeCommon.ts';

export interface TrustedKeyRow { address: string; name: string; addedAt: number }

export interface ImportedTask { id: string; sha256: string; size: number | null; kind: AssetKind; mime: string; name: string; difficulty: number }

/** A project as a trusted bundle carries it: its own ids (the signed work names them), its signer as requester. */
export interface ImportedProject {
  id: string;
  name: string;
  schema: unknown;
  instructions: string;
  redundancy: number;
  baseReward: number;
  leaseMs: number;
  /** Lowercase address of the bundle's signer: it pays the new tasks' budget from its balance, like a publisher. */
  requester: string;
  /** The bundle's signature, kept with the project as the manifest's is for a published one. */
  signature: string;
  tasks: ImportedTask[];
  /** Assets whose bytes the import put in the node's files (hash-checked). */
  stored: { sha256: string; size: number }[];
  /** (task, annotator) of each signed submission in the bundle: the work was assigned through the bundle, so the
   *  annotator holds a lease on the task as if leased here (the submission rules then apply unchanged). */
  leases: { taskId: string; annotator: string }[];
}

export interface ImportedProjectResult { projectCreated: boolean; tasksAdded: number; tasksExisting: number; budget: number }

/** What a node exports of one project besides its accepted work and reviews: its terms, and its tasks with their assets. */
export interface ProjectExport {
  project: { id: string; name: string; schema: string; instructions: string; redundancy: number; baseReward: number; requester: string | null };
  tasks: { id: string; sha256: string; kind: AssetKind; mime: string; size: number | null; name: string; difficulty: number; accepted: number }[];
}

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
  return { create: !existing, newTasks, existingTasks, cost: requiredBudget(terms.redundancy, terms.baseReward, newTasks) };
}
