// Review mode's state: the project's review queue, the open item (versions, matches, cluster statuses), which
// cluster and pane the validator is on, side by side or overlay, and the validator's draft consensus. Edits to the
// draft go through the core (review.edit, with undo); the versions themselves are never changed.
import { create } from 'zustand';
import type { AnnotationObject, Edit, EditResult, HistoryInfo, ObjectInput } from '../../../shared/domain.ts';
import { clusterStatuses, type ClusterStatus } from '../../../shared/agreement/clusterStatus.ts';
import { consensusId, type ReviewItem, type ReviewQueueEntry } from '../../../shared/api/review.ts';
import { toObjectInput } from '../../../shared/objects.ts';
import { tagger } from '../../api/tagger.ts';
import { toast, errorText } from '../../stores/app.ts';
import { annotatorName } from './statusStyle.ts';

export interface ReviewState {
  queue: ReviewQueueEntry[];
  queueLoaded: boolean;
  item: ReviewItem | null;
  loading: boolean;
  error: string | null;
  statuses: ClusterStatus[];
  /** The cluster the validator is on (index into item.clusters), -1 before the first move. */
  cluster: number;
  /** The focused version pane (accept takes this version's object). */
  pane: number;
  overlay: boolean;
  consensus: ReadonlyMap<string, AnnotationObject>;
  history: HistoryInfo | null;
}

const EMPTY = new Map<string, AnnotationObject>();

export const useReview = create<ReviewState>(() => ({
  queue: [], queueLoaded: false, item: null, loading: false, error: null, statuses: [], cluster: -1, pane: 0, overlay: false, consensus: EMPTY, history: null,
}));

export async function loadQueue(projectId: string): Promise<void> {
  try {
    useReview.setState({ queue: await tagger.review.queue(projectId), queueLoaded: true });
  } catch (e) {
    toast('error', `Could not load the review queue: ${errorText(e)}`);
  }
}

export async function openItem(taskId: string | null): Promise<void> {
  if (!taskId) return useReview.setState({ item: null, error: null, statuses: [], cluster: -1, consensus: EMPTY, history: null });
  useReview.setState({ loading: true, error: null });
  try {
    const item = await tagger.review.item(taskId);
    const statuses = clusterStatuses(item.versions.map((v) => v.annotator), item.clusters, item.pairs);
    useReview.setState({ item, statuses, cluster: -1, pane: 0, consensus: new Map(item.consensus.map((o) => [o.id, o])), history: item.history, loading: false });
  } catch (e) {
    useReview.setState({ item: null, loading: false, error: errorText(e) });
  }
}

/** Indexes of clusters that are not agreed, in order. */
export function disagreements(s: Pick<ReviewState, 'statuses'>): number[] {
  return s.statuses.flatMap((st, i) => (st === 'agreed' ? [] : [i]));
}

/** Moves to the next (or previous) cluster, only disagreements unless `all`; wraps around. */
export function stepCluster(dir: 1 | -1, all = false): void {
  const s = useReview.getState();
  const list = all ? s.statuses.map((_, i) => i) : disagreements(s);
  if (!list.length) return toast('info', all ? 'This item has no objects.' : 'No disagreements left: every object is agreed.');
  const at = list.indexOf(s.cluster);
  const next = at < 0 ? (dir > 0 ? list.find((i) => i > s.cluster) ?? list[0] : [...list].reverse().find((i) => i < s.cluster) ?? list[list.length - 1]) : list[(at + dir + list.length) % list.length];
  // Focus the first pane that has an object in this cluster, so Accept takes something.
  const members = s.item?.clusters[next] ?? [];
  const pane = members[s.pane] != null ? s.pane : Math.max(0, members.findIndex((m) => m !== null));
  useReview.setState({ cluster: next, pane });
}

export function cyclePane(dir: 1 | -1): void {
  const s = useReview.getState();
  const n = s.item?.versions.length ?? 0;
  if (n) useReview.setState({ pane: (s.pane + dir + n) % n });
}

function applyResult(r: EditResult | null): void {
  if (!r) return;
  const map = new Map(useReview.getState().consensus);
  for (const id of r.deleted) map.delete(id);
  for (const o of r.upserted) map.set(o.id, o);
  useReview.setState({ consensus: map, history: r.history });
}

async function edit(e: Edit): Promise<void> {
  const { item } = useReview.getState();
  if (!item) return;
  try {
    applyResult(await tagger.review.edit(item.taskId, e));
  } catch (err) {
    toast('error', `The change to the consensus was not saved: ${errorText(err)}`);
  }
}

/** The object of the focused version in the current cluster, as the draft's object for that cluster. */
export async function acceptVersion(): Promise<void> {
  const s = useReview.getState();
  if (!s.item || s.cluster < 0) return toast('info', 'Go to an object first (J for the next disagreement).');
  const version = s.item.versions[s.pane];
  const id = s.item.clusters[s.cluster][s.pane];
  const src = id === null ? undefined : version.objects.find((o) => o.id === id);
  if (!src) return toast('info', `${annotatorName(version.annotator)} has no object here; pick another pane (P) or reject the object (X).`);
  const prev = s.consensus.get(consensusId(s.cluster));
  const input = { ...toObjectInput(src), id: consensusId(s.cluster), origin: 'human', z: prev?.z ?? s.cluster + 1, attributes: { ...src.attributes, acceptedFrom: version.annotator } } as ObjectInput;
  await edit({ label: `Accept ${annotatorName(version.annotator)}'s ${src.label}`, ops: [{ op: 'put', object: input }] });
}

/** Leaves the current cluster's object out of the final document. */
export async function rejectObject(): Promise<void> {
  const s = useReview.getState();
  if (!s.item || s.cluster < 0) return toast('info', 'Go to an object first (J for the next disagreement).');
  const id = consensusId(s.cluster);
  if (!s.consensus.has(id)) return toast('info', 'This object is already left out of the consensus.');
  await edit({ label: 'Reject object', ops: [{ op: 'delete', id }] });
}

/** Gives the current cluster's draft object another label (a merged object with the validator's label). */
export async function relabel(label: string): Promise<void> {
  const s = useReview.getState();
  const o = s.cluster >= 0 ? s.consensus.get(consensusId(s.cluster)) : undefined;
  if (!o) return toast('info', 'No consensus object here to relabel; accept a version first (A).');
  await edit({ label: `Label ${label}`, ops: [{ op: 'put', object: { ...toObjectInput(o), label, origin: 'human' } as ObjectInput }] });
}

export async function undoReview(): Promise<void> {
  const { item } = useReview.getState();
  if (item) applyResult(await tagger.review.undo(item.taskId).catch((e) => { toast('error', errorText(e)); return null; }));
}

export async function redoReview(): Promise<void> {
  const { item } = useReview.getState();
  if (item) applyResult(await tagger.review.redo(item.taskId).catch((e) => { toast('error', errorText(e)); return null; }));
}
