// A node fed and drained by bundles (`tagger node import|export`): what the stores take in from a verified bundle
// and give out for one (the rules both stores apply are in projectImport.ts). The bundle itself is read and verified by
// the workstation's bundle code (one verification path); the node only ever sees work that passed it.
import type { AssetKind } from '../../shared/domain.ts';

export interface TrustedKeyRow { address: string; name: string; addedAt: number }

export interface ImportedTask { id: string; sha256: string; size: number | null; kind: AssetKind; mime: string; name: string; difficulty: number }

/** A project as a trusted bundle carries it: its own ids (the signed work names them), its signer as requester. */
export interface ImportedProject {
  id: string;
  name: string;
  schema: unknown;
  instructions: string;
  redundancy: number;
  /** micro-TAG */
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

/** budget: micro-TAG debited for the new tasks. */
export interface ImportedProjectResult { projectCreated: boolean; tasksAdded: number; tasksExisting: number; budget: number }

/** What a node exports of one project besides its accepted work and reviews: its terms, and its tasks with their assets. */
export interface ProjectExport {
  /** baseReward in micro-TAG */
  project: { id: string; name: string; schema: string; instructions: string; redundancy: number; baseReward: number; requester: string | null };
  tasks: { id: string; sha256: string; kind: AssetKind; mime: string; size: number | null; name: string; difficulty: number; accepted: number }[];
}
