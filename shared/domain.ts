// Domain types shared by the core, the renderer and the network node. Runtime schemas live in shared/api/schemas.ts.
import type { Box } from './geometry/box.ts';
import type { Polygon } from './geometry/polygon.ts';
import type { SegmentGeometry } from './geometry/segment.ts';
import type { SpanGeometry } from './geometry/span.ts';

export type AssetKind = 'image' | 'audio' | 'text';
export const ASSET_KINDS: readonly AssetKind[] = ['image', 'audio', 'text'];

export type TaskStatus = 'todo' | 'in_progress' | 'done' | 'submitted' | 'accepted' | 'rejected';
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'done', 'submitted', 'accepted', 'rejected'];
/** Statuses that still need the annotator's work; "Next task" picks among these. */
export const UNFINISHED_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'rejected'];
/** A submitted or accepted task is sealed: its annotations were signed and can no longer change. */
export function isFrozenStatus(status: TaskStatus): boolean {
  return status === 'submitted' || status === 'accepted';
}

export type ObjectKind = 'box' | 'polygon' | 'segment' | 'span' | 'relation' | 'doclabel';
export type ObjectOrigin = 'human' | 'model';

export interface LabelDef {
  id: string;
  name: string;
  color: string;
  /** Single key, e.g. "1". Labels past the tenth have none and are reached through the picker. */
  hotkey?: string;
  /** The class/category id the label had in the dataset it was imported from (YOLO class, COCO category id);
   *  export writes it back so a model trained on the original ids still matches. */
  classId?: number;
  /** COCO's category group, kept for export. */
  supercategory?: string;
}

export type AttributeType = 'checkbox' | 'select' | 'text' | 'number';
export interface AttributeDef {
  id: string;
  name: string;
  type: AttributeType;
  options?: string[];
  default?: string | number | boolean;
  /** Label ids this attribute applies to; absent means every label. */
  labels?: string[];
}

export interface TierDef {
  id: string; name: string; color?: string;
  /** A tier of point events (a Praat point tier). */
  kind?: 'point';
  /** Segments on this tier may not overlap (one speaker's turns, a phone tier): moves and edge drags stop at the
   *  neighbours. */
  exclusive?: boolean;
}
export interface RelationTypeDef { id: string; name: string; color: string }
export interface DocumentLabelsDef { mode: 'single' | 'multi'; options: string[] }
export interface PretaggerRule { label: string; terms?: string[]; patterns?: string[]; caseSensitive?: boolean }

/** The Label Studio labelling config's names a project was imported with, so export writes them back: the object
 *  tag (to_name) and data key, the control per label result type (rectanglelabels → "label"), and the per-region
 *  controls kept as attributes (from_name → result type, e.g. "color" → "choices"). */
export interface LabelStudioNames {
  toName: string;
  dataKey: string;
  labelControls: Record<string, string>;
  regionControls: Record<string, string>;
}

export interface ModalitySchema {
  labels: LabelDef[];
  attributes: AttributeDef[];
  /** audio: lanes such as speakers or noise */
  tiers?: TierDef[];
  /** text: relation types between spans */
  relations?: RelationTypeDef[];
  /** text: document-level classification */
  documentLabels?: DocumentLabelsDef;
  /** image: the top-level keys of the YOLO data.yaml the labels came from (path, train, val, nc; "names" marks
   *  where the names stood), so export writes the file back as it was. */
  datasetKeys?: [string, string][];
  /** The Label Studio names the project's annotations were imported with. */
  labelStudio?: LabelStudioNames;
  /** text: dictionary / pattern pre-tagger */
  pretagger?: PretaggerRule[];
  /** image and text: which label each class of the modality's model proposes as (model class → label id, or null
   *  to ignore the class); unmapped classes go to a label of the same name or family (shared/models/modelLabels). */
  modelLabels?: Record<string, string | null>;
  /** The label mapping last chosen in the Import dialog, per format id (name in the file → label id, or null to
   *  skip the name), offered again on the next import of that format. */
  importMappings?: Record<string, Record<string, string | null>>;
}

export interface LabelSchema {
  image?: ModalitySchema;
  audio?: ModalitySchema;
  text?: ModalitySchema;
}

export interface ProjectPolicy {
  /** How many different annotators work each task on the network. */
  redundancy: number;
  /** TAG paid per task at difficulty 1. */
  baseReward: number;
}

export interface Project {
  id: string;
  name: string;
  schema: LabelSchema;
  instructions: string;
  policy: ProjectPolicy;
  createdAt: number;
  updatedAt: number;
}

export interface ProjectSummary extends Project {
  taskCount: number;
  doneCount: number;
  kinds: AssetKind[];
}

export interface Asset {
  /** SHA-256 of the content, hex; also the asset's id and its name in the media store. */
  id: string;
  kind: AssetKind;
  mime: string;
  originalName: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  meta: Record<string, unknown>;
  createdAt: number;
}

export interface Task {
  id: string;
  projectId: string;
  assetId: string;
  status: TaskStatus;
  difficulty: number;
  assignee: string | null;
  sourceNode: string | null;
  position: number;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

export interface TaskSummary extends Task {
  kind: AssetKind;
  name: string;
  objectCount: number;
}

export interface TaskDetail {
  task: Task;
  asset: Asset;
  project: Project;
  /** 1-based position in the project's queue and its length, for "12 / 480". */
  index: number;
  total: number;
}

/** The geometry each object kind stores, in the asset's own units (image pixels, seconds, UTF-16 offsets). */
export interface GeometryOf {
  box: Box;
  polygon: Polygon;
  segment: SegmentGeometry;
  span: SpanGeometry;
  relation: RelationGeometry;
  /** A document label applies to the whole document. */
  doclabel: null;
}

/** A relation joins two spans of the same document, by id. */
export interface RelationGeometry { from: string; to: string }

interface ObjectFields<K extends ObjectKind> {
  id: string;
  kind: K;
  label: string;
  geometry: GeometryOf[K];
  attributes: Record<string, unknown>;
  origin: ObjectOrigin;
  /** Order in the object list (and paint order on the canvas). */
  z: number;
  hidden: boolean;
  locked: boolean;
}

/** What a client sends to create or replace an object: one variant per kind, so the geometry's shape follows it. */
export type ObjectInput = { [K in ObjectKind]: ObjectFields<K> }[ObjectKind];

/** A stored object: its input plus where it lives and its version. */
export type AnnotationObject = ObjectInput & {
  taskId: string;
  revision: number;
  updatedAt: number;
};

export type ObjectOp = { op: 'put'; object: ObjectInput } | { op: 'delete'; id: string };

export interface Edit {
  /** Shown in the undo/redo tooltip, e.g. "Draw polygon". */
  label: string;
  ops: ObjectOp[];
  /** Consecutive edits with the same key merge into one undo step (typing, nudging). */
  coalesce?: string;
  /** The change's own id: sent again with the same id (after a timeout), it is applied once. */
  id?: string;
}

export interface HistoryInfo {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  /** Number of steps that can be undone. */
  depth: number;
}

export interface EditResult {
  /** Current state of every object the edit touched (after the edit). */
  upserted: AnnotationObject[];
  deleted: string[];
  history: HistoryInfo;
  revision: number;
}

export interface AnnotationDocument {
  taskId: string;
  objects: AnnotationObject[];
  history: HistoryInfo;
  revision: number;
  /** The task was submitted (or accepted): its annotations are sealed and can only be looked at. */
  readOnly?: boolean;
}

/** A page of a document: up to `limit` of its `total` objects from `offset`, in id order, read at `revision` (a
 *  page of another revision than the first means the document changed in between: read it again). The undo
 *  history comes with the first page only (offset 0): it is the document's, read once, not once per page. */
export interface AnnotationDocumentPage extends Omit<AnnotationDocument, 'history'> {
  history?: HistoryInfo;
  offset: number;
  total: number;
}

export type Theme = 'dark' | 'light';

export interface Settings {
  theme: Theme;
  nodeUrl: string;
  /** Remembered UI layout. */
  queueCollapsed: boolean;
  panelCollapsed: boolean;
  lastProjectId: string | null;
  /** The task open when the app was last used (in lastProjectId), reopened at start when the address names none. */
  lastTaskId: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  theme: 'dark',
  nodeUrl: 'http://127.0.0.1:8787',
  queueCollapsed: false,
  panelCollapsed: false,
  lastProjectId: null,
  lastTaskId: null,
};

export interface AppInfo {
  version: string;
  mode: 'web' | 'desktop';
  dataDir: string;
  /** The folders the page may import from and export to (web mode); absent when any path on this machine is. */
  fileFolders?: string[];
}

export interface JobProgress {
  jobId: string;
  title: string;
  done: number;
  total: number;
  state: 'running' | 'finished' | 'failed' | 'cancelled';
  message?: string;
}

export interface SyncStatus {
  online: boolean;
  pending: number;
  nodeUrl: string;
  lastError: string | null;
}

export interface ImportIssue { path: string; reason: string }
export interface ImportReport {
  projectId: string;
  imported: number;
  duplicates: number;
  /** Items whose content was already a task (the same record imported again): the labels it lacked were added. */
  merged?: number;
  /** Items repeating a task's text as another record (a second doccano line with other labels): kept as another
   *  annotator's version of that task, so nothing is lost and export writes every record back. */
  versions?: number;
  failed: ImportIssue[];
}
