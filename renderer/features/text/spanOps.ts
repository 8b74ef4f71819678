// Every text edit the user can make, as one applyEdit each (so each is one undo step, saved at once).
import type { ModalitySchema, ObjectInput } from '../../../shared/domain.ts';
import { newId } from '../../../shared/ids.ts';
import { snapToTokens, trimWhitespace } from '../../../shared/text/tokenize.ts';
import { clampToCharacters } from '../../../shared/text/offsets.ts';
import { pretag } from '../../../shared/text/pretagger.ts';
import { spanGeometry } from '../../../shared/geometry/span.ts';
import { applyEdit, deleteOp, nextZ, putOp, refuseReadOnly } from '../document/documentStore.ts';
import { acceptObjects, rejectObjects } from '../document/suggestions.ts';
import { toast, errorText } from '../../stores/app.ts';
import type { SpanModel, SpanItem } from './spanModel.ts';
import { selectOne, selectedId, setCurrentLabel } from '../workspace/selection.ts';
import { useTextUi } from './textUi.ts';

export interface TextSession { text: string; model: SpanModel; schema: ModalitySchema }
let session: TextSession | null = null;
export function setSession(s: TextSession | null) { session = s; }
export function getSession() { return session; }

const labelName = (id: string) => session?.schema.labels.find((l) => l.id === id)?.name ?? id;

function spanObject(start: number, end: number, label: string, origin: 'human' | 'model', z: number): ObjectInput {
  return { id: newId('span'), kind: 'span', label, geometry: spanGeometry(start, end), attributes: {}, origin, z, hidden: false, locked: false };
}

/** Snaps (or clamps, in character mode) a raw selection to what a span may cover. */
function normalizeRange(start: number, end: number): { start: number; end: number } | null {
  if (!session) return null;
  const { text } = session;
  const r = useTextUi.getState().snap ? snapToTokens(text, start, end) : trimWhitespace(text, start, end);
  return r ? clampToCharacters(text, r.start, r.end) : null;
}

export function createSpan(start: number, end: number, label: string): string | null {
  if (!session) return null;
  const r = normalizeRange(start, end);
  if (!r) return null;
  const dup = session.model.index.query(r.start, r.end).find((s) => s.start === r.start && s.end === r.end && s.label === label);
  if (dup) { selectOne(dup.id); return dup.id; }
  // Read-only, or the spans still arriving: say why, and select nothing.
  if (refuseReadOnly()) return null;
  const o = spanObject(r.start, r.end, label, 'human', nextZ());
  void applyEdit({ label: `Tag ${labelName(label)}`, ops: [putOp(o)] });
  selectOne(o.id);
  setCurrentLabel(label);
  return o.id;
}

export function relabel(id: string, label: string) {
  const s = session?.model.span(id);
  if (!s || s.label === label && s.origin === 'human') return;
  void applyEdit({ label: `Relabel as ${labelName(label)}`, ops: [putOp({ ...s.obj, label, origin: 'human' })] });
}

export function deleteSpan(id: string) {
  if (!session) return;
  const s = session.model.span(id);
  if (!s) return;
  const rel = session.model.relationsOf(id).map((r) => deleteOp(r.id));
  void applyEdit({ label: `Delete ${labelName(s.label)}`, ops: [deleteOp(id), ...rel] });
  if (selectedId() === id) selectOne(nextSuggestion(s.start, id, false)?.id ?? null);
}

/** The next machine-made span after offset (so A / X walk through suggestions like Prodigy). */
function nextSuggestion(after: number, skip: string, wrap = true): SpanItem | undefined {
  if (!session || session.model.modelCount === 0) return undefined;
  const all = session.model.index.sorted;
  for (const s of all) if (s.origin === 'model' && s.id !== skip && s.start >= after) return s;
  if (wrap) for (const s of all) if (s.origin === 'model' && s.id !== skip) return s;
  return undefined;
}

export function acceptSuggestion(id: string | null) {
  const s = session?.model.span(id) ?? (session ? nextSuggestion(0, '') : undefined);
  if (!s || s.origin !== 'model') return;
  acceptObjects([s.id]);
  selectOne(nextSuggestion(s.start, s.id)?.id ?? s.id);
}

export function rejectSuggestion(id: string | null) {
  const s = session?.model.span(id) ?? (session ? nextSuggestion(0, '') : undefined);
  if (!s || s.origin !== 'model') return;
  const next = nextSuggestion(s.start, s.id);
  rejectObjects([s.id], session!.model.relationsOf(s.id).map((r) => deleteOp(r.id)));
  selectOne(next?.id ?? null);
}

export function createRelation(from: string, to: string, type: string) {
  if (!session || from === to) return;
  const name = session.schema.relations?.find((r) => r.id === type)?.name ?? type;
  const o: ObjectInput = { id: newId('rel'), kind: 'relation', label: type, geometry: { from, to }, attributes: {}, origin: 'human', z: nextZ(), hidden: false, locked: false };
  void applyEdit({ label: `Relate: ${name}`, ops: [putOp(o)] });
}

export function deleteRelation(id: string) {
  if (session?.model.relations.has(id)) void applyEdit({ label: 'Delete relation', ops: [deleteOp(id)] });
}

/** Document labels: in single mode choosing one replaces the other. */
export function toggleDocLabel(option: string) {
  if (!session) return;
  const mode = session.schema.documentLabels?.mode ?? 'multi';
  const have = [...session.model.docLabels.values()];
  const cur = have.find((o) => o.label === option);
  if (cur) { void applyEdit({ label: `Remove document label ${option}`, ops: [deleteOp(cur.id)] }); return; }
  const o: ObjectInput = { id: newId('doc'), kind: 'doclabel', label: option, geometry: null, attributes: {}, origin: 'human', z: nextZ(), hidden: false, locked: false };
  const ops = mode === 'single' ? [...have.map((h) => deleteOp(h.id)), putOp(o)] : [putOp(o)];
  void applyEdit({ label: `Document label ${option}`, ops });
}

/** Runs the project's pre-tagger; proposals that match a span already there are skipped. */
export function runPretagger(): number {
  if (!session) return 0;
  const rules = session.schema.pretagger ?? [];
  if (!rules.length) { toast('info', 'This project has no pre-tagger rules yet: add terms or patterns for a label under Labels (Ctrl+Shift+S), Text, Pre-tagger rules.'); return 0; }
  let proposals;
  try {
    proposals = pretag(session.text, rules);
  } catch (e) {
    toast('error', errorText(e));
    return 0;
  }
  const { model } = session;
  const fresh = proposals.filter((p) => !model.index.query(p.start, p.end).some((s) => s.start === p.start && s.end === p.end && s.label === p.label)).slice(0, 100_000);
  if (!fresh.length) { toast('info', 'The pre-tagger found nothing new.'); return 0; }
  let z = nextZ();
  const ops = fresh.map((p) => putOp(spanObject(p.start, p.end, p.label, 'model', z++)));
  void applyEdit({ label: `Pre-tag (${fresh.length})`, ops });
  toast('success', `${fresh.length} ${fresh.length === 1 ? 'suggestion' : 'suggestions'}: accept with A, reject with X.`);
  return fresh.length;
}

/** Sets one attribute of a span; typing in a text field coalesces into one undo step per field. */
export function setSpanAttribute(id: string, key: string, value: unknown, typing = false) {
  const s = session?.model.span(id);
  if (!s) return;
  const name = session?.schema.attributes.find((a) => a.id === key)?.name ?? key;
  void applyEdit({ label: `Set ${name}`, ops: [putOp({ ...s.obj, attributes: { ...s.obj.attributes, [key]: value } })], coalesce: typing ? `attr:${id}:${key}` : undefined });
}
