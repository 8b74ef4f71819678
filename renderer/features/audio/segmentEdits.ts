// Every change the audio workspace makes to segments, each one undoable step through the shared applyEdit.
import type { AnnotationObject } from '../../../shared/domain.ts';
import { applyEdit, deleteOp, nextZ, putOp, useDocument } from '../document/documentStore.ts';
import { newId } from '../../../shared/ids.ts';
import { segmentObject } from '../../../shared/geometry/segment.ts';
import { withTimes } from './segmentModel.ts';
import { selectOne } from '../workspace/selection.ts';

function obj(id: string): AnnotationObject | undefined {
  return useDocument.getState().objects.get(id);
}

export function createSegment(start: number, end: number, tier: string, label: string): string {
  const id = newId('seg');
  void applyEdit({ label: 'Add segment', ops: [putOp(segmentObject({ id, z: nextZ(), start, end, tier, label }))] });
  selectOne(id, true);
  return id;
}

export function setTimes(id: string, start: number, end: number, tier?: string, label = 'Adjust segment'): void {
  const o = obj(id);
  if (!o || o.locked) return;
  void applyEdit({ label, ops: [putOp(withTimes(o, Math.min(start, end), Math.max(start, end), tier))] });
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
export function acceptSegments(ids: string[]): number {
  const ops = ids.map(obj).filter((o): o is AnnotationObject => !!o && o.origin === 'model').map((o) => putOp({ ...o, origin: 'human' }));
  if (ops.length) void applyEdit({ label: ops.length === 1 ? 'Accept suggestion' : `Accept ${ops.length} suggestions`, ops });
  return ops.length;
}
