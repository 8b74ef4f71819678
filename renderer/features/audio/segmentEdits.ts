// Every change the audio workspace makes to segments, each one undoable step through the shared applyEdit.
import type { AnnotationObject, TierDef } from '../../../shared/domain.ts';
import { applyEdit, deleteOp, nextZ, putOp, useDocument } from '../document/documentStore.ts';
import { newId } from '../../../shared/ids.ts';
import { segmentObject } from '../../../shared/geometry/segment.ts';
import { withTimes } from './segmentModel.ts';
import { overlapRefusal, shiftedWithin, type Gap } from './tierLimits.ts';
import type { SegmentIndex } from './segmentIndex.ts';
import { readSegment } from '../../../shared/geometry/segment.ts';
import { toast } from '../../stores/app.ts';
import { selectOne } from '../workspace/selection.ts';
import { acceptObjects, rejectObjects } from '../document/suggestions.ts';

function obj(id: string): AnnotationObject | undefined {
  return useDocument.getState().objects.get(id);
}

/** What a placement is checked against: the workspace's segments and the tiers (some forbid overlap). */
export interface Placement { index: SegmentIndex; tiers: readonly TierDef[] }

/** A new segment, unless it would overlap another on a 'No overlap' tier (then that is said, and null). */
export function createSegment(place: Placement, start: number, end: number, tier: string, label: string): string | null {
  const refused = overlapRefusal(place.index, place.tiers, tier, start, end);
  if (refused) {
    toast('error', refused);
    return null;
  }
  const id = newId('seg');
  void applyEdit({ label: 'Add segment', ops: [putOp(segmentObject({ id, z: nextZ(), start, end, tier, label }))] });
  selectOne(id, true);
  return id;
}

/** New times (and tier) for a segment, unless that would overlap another on a 'No overlap' tier (then that is
 *  said, and false). */
export function setTimes(place: Placement, id: string, start: number, end: number, tier?: string, label = 'Adjust segment'): boolean {
  const o = obj(id);
  const seg = o && readSegment(o);
  if (!o || !seg || o.locked) return false;
  const [a, b] = [Math.min(start, end), Math.max(start, end)];
  const refused = overlapRefusal(place.index, place.tiers, tier ?? seg.tier, a, b, seg);
  if (refused) {
    toast('error', refused);
    return false;
  }
  void applyEdit({ label, ops: [putOp(withTimes(o, a, b, tier))] });
  return true;
}

/** Moves a segment by dt seconds keeping its length, inside the gap it may use ([0, duration], or between its
 *  neighbours on an exclusive tier); repeated nudges of one segment are one undo step (as the image workspace's
 *  arrow-key nudges). */
export function nudgeSegment(id: string, dt: number, gap: Gap): void {
  const o = obj(id);
  if (!o || o.locked) return;
  const g = o.geometry as { start: number; end: number };
  const moved = shiftedWithin(g, g.start + dt, gap);
  if (moved.start === g.start) return;
  void applyEdit({ label: 'Move segment', coalesce: `move:${id}`, ops: [putOp(withTimes(o, moved.start, moved.end))] });
}

export function setLabel(id: string, label: string): void {
  const o = obj(id);
  if (!o || o.locked || (o.label === label && o.origin === 'human')) return;
  void applyEdit({ label: 'Change label', ops: [putOp({ ...o, label, origin: 'human' })] });
}

/** Typing in the transcript: consecutive edits of one segment's text are one undo step. */
export function setTranscript(id: string, text: string): Promise<void> {
  const o = obj(id);
  if (!o || o.locked) return Promise.resolve();
  return applyEdit({ label: 'Edit transcript', coalesce: `transcript:${id}`, ops: [putOp({ ...o, origin: 'human', attributes: { ...o.attributes, transcript: text } })] });
}

export function setAttribute(id: string, key: string, value: unknown): void {
  const o = obj(id);
  if (!o || o.locked) return;
  const attributes = { ...o.attributes };
  if (value === undefined || value === '') delete attributes[key];
  else attributes[key] = value;
  void applyEdit({ label: 'Change attribute', ops: [putOp({ ...o, origin: 'human', attributes })] });
}

export function toggleLock(id: string): void {
  const o = obj(id);
  if (!o) return;
  void applyEdit({ label: o.locked ? 'Unlock segment' : 'Lock segment', ops: [putOp({ ...o, locked: !o.locked })] });
}

export function deleteSegment(id: string): void {
  const o = obj(id);
  if (!o || o.locked) return;
  void applyEdit({ label: 'Delete segment', ops: [deleteOp(id)] });
  selectOne(null);
}

/** Accepting machine proposals makes them a person's (origin human); one undo step for all given. */
export const acceptSegments = (ids: string[]): number => acceptObjects(ids);

/** Rejecting a proposal deletes it (one undo step); a person's segment is never deleted this way. */
export const rejectSegments = (ids: string[]): number => rejectObjects(ids);
