// Edits of one kind's part of a project schema, as pure functions over a draft (the editor saves the draft whole).
// Labels keep their id for life: objects refer to the id, so a rename or a new color reaches every existing
// object at once, and a new label gets a fresh id that no object can already carry.
import type { AttributeDef, LabelDef, LabelSchema, ModalitySchema, PretaggerRule, RelationTypeDef, TierDef } from '../../../shared/domain.ts';

export const HOTKEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#fabed4', '#469990', '#dcbeff', '#9a6324'];

function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

export function addLabel(ms: ModalitySchema, name = 'New label'): ModalitySchema {
  const keys = new Set(ms.labels.map((l) => l.hotkey).filter(Boolean));
  const hotkey = HOTKEYS.find((k) => !keys.has(k));
  const label: LabelDef = { id: freshId('label', ms.labels.map((l) => l.id)), name, color: PALETTE[ms.labels.length % PALETTE.length], ...(hotkey ? { hotkey } : {}) };
  return { ...ms, labels: [...ms.labels, label] };
}

export function updateLabel(ms: ModalitySchema, index: number, patch: Partial<Omit<LabelDef, 'id'>>): ModalitySchema {
  const labels = ms.labels.map((l, i) => {
    if (i !== index) return l;
    const next = { ...l, ...patch };
    if (!next.hotkey) delete next.hotkey;
    return next;
  });
  return { ...ms, labels };
}

export function moveLabel(ms: ModalitySchema, index: number, by: -1 | 1): ModalitySchema {
  const to = index + by;
  if (to < 0 || to >= ms.labels.length) return ms;
  const labels = [...ms.labels];
  [labels[index], labels[to]] = [labels[to], labels[index]];
  return { ...ms, labels };
}

/** Removes a label and what only it used: attribute scopes and pre-tagger rules that name it. */
export function removeLabel(ms: ModalitySchema, index: number): ModalitySchema {
  const gone = ms.labels[index]?.id;
  if (!gone) return ms;
  return {
    ...ms,
    labels: ms.labels.filter((_, i) => i !== index),
    attributes: ms.attributes.map((a) => (a.labels ? { ...a, labels: a.labels.filter((l) => l !== gone) } : a)),
    ...(ms.pretagger ? { pretagger: ms.pretagger.filter((r) => r.label !== gone) } : {}),
  };
}

export function addAttribute(ms: ModalitySchema): ModalitySchema {
  const a: AttributeDef = { id: freshId('attr', ms.attributes.map((x) => x.id)), name: 'New attribute', type: 'checkbox', default: false };
  return { ...ms, attributes: [...ms.attributes, a] };
}

export function updateAttribute(ms: ModalitySchema, index: number, patch: Partial<Omit<AttributeDef, 'id'>>): ModalitySchema {
  return { ...ms, attributes: ms.attributes.map((a, i) => (i === index ? normalizeAttribute({ ...a, ...patch }) : a)) };
}

function normalizeAttribute(a: AttributeDef): AttributeDef {
  const out: AttributeDef = { id: a.id, name: a.name, type: a.type, ...(a.labels ? { labels: a.labels } : {}) };
  if (a.type === 'select') {
    out.options = a.options?.length ? a.options : ['yes', 'no'];
    out.default = typeof a.default === 'string' && out.options.includes(a.default) ? a.default : out.options[0];
  } else if (a.type === 'checkbox') out.default = typeof a.default === 'boolean' ? a.default : false;
  else if (a.type === 'number') out.default = typeof a.default === 'number' ? a.default : 0;
  else out.default = typeof a.default === 'string' ? a.default : '';
  return out;
}

export function removeAttribute(ms: ModalitySchema, index: number): ModalitySchema {
  return { ...ms, attributes: ms.attributes.filter((_, i) => i !== index) };
}

export function addTier(ms: ModalitySchema): ModalitySchema {
  const tiers = ms.tiers ?? [];
  const t: TierDef = { id: freshId('tier', tiers.map((x) => x.id)), name: `Tier ${tiers.length + 1}` };
  return { ...ms, tiers: [...tiers, t] };
}

export function updateTier(ms: ModalitySchema, index: number, patch: Partial<Pick<TierDef, 'name' | 'exclusive'>>): ModalitySchema {
  return { ...ms, tiers: (ms.tiers ?? []).map((t, i) => (i === index ? { ...t, ...patch } : t)) };
}

export function removeTier(ms: ModalitySchema, index: number): ModalitySchema {
  return { ...ms, tiers: (ms.tiers ?? []).filter((_, i) => i !== index) };
}

export function addRule(ms: ModalitySchema): ModalitySchema {
  const rule: PretaggerRule = { label: ms.labels[0]?.id ?? '', terms: [], patterns: [] };
  return { ...ms, pretagger: [...(ms.pretagger ?? []), rule] };
}

export function updateRule(ms: ModalitySchema, index: number, patch: Partial<PretaggerRule>): ModalitySchema {
  return { ...ms, pretagger: (ms.pretagger ?? []).map((r, i) => (i === index ? { ...r, ...patch } : r)) };
}

export function removeRule(ms: ModalitySchema, index: number): ModalitySchema {
  return { ...ms, pretagger: (ms.pretagger ?? []).filter((_, i) => i !== index) };
}

export function addRelation(ms: ModalitySchema): ModalitySchema {
  const rels = ms.relations ?? [];
  const r: RelationTypeDef = { id: freshId('rel', rels.map((x) => x.id)), name: 'New relation', color: PALETTE[(rels.length + 6) % PALETTE.length] };
  return { ...ms, relations: [...rels, r] };
}

export function updateRelation(ms: ModalitySchema, index: number, patch: Partial<Omit<RelationTypeDef, 'id'>>): ModalitySchema {
  return { ...ms, relations: (ms.relations ?? []).map((r, i) => (i === index ? { ...r, ...patch } : r)) };
}

/** Relations already drawn keep their type id (and show it) until deleted, as objects of a removed label do. */
export function removeRelation(ms: ModalitySchema, index: number): ModalitySchema {
  return { ...ms, relations: (ms.relations ?? []).filter((_, i) => i !== index) };
}

/** "Undo last save" outlives the page: what a save replaced is kept in the browser's storage with what it wrote, and
 *  offered only while the project's schema is still exactly what that save wrote (nothing changed it since). */
export interface SchemaUndo { before: LabelSchema; after: LabelSchema }
const undoKey = (projectId: string) => `tagger.schemaUndo.${projectId}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function rememberSave(projectId: string, before: LabelSchema, after: LabelSchema, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try { storage.setItem(undoKey(projectId), JSON.stringify({ before, after } satisfies SchemaUndo)); } catch { /* storage full or refused: undo lasts this page only */ }
}

export function savedUndo(projectId: string, current: LabelSchema, storage: Pick<Storage, 'getItem'> = localStorage): SchemaUndo | null {
  try {
    const raw = storage.getItem(undoKey(projectId));
    const u = raw ? (JSON.parse(raw) as SchemaUndo) : null;
    return u && same(u.after, current) ? u : null;
  } catch {
    return null;
  }
}

export function forgetUndo(projectId: string, storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try { storage.removeItem(undoKey(projectId)); } catch { /* nothing kept */ }
}

/** What stops the draft from being saved, in words a person can act on (empty when it can be saved). */
export function schemaProblems(ms: ModalitySchema): string[] {
  const out: string[] = [];
  const names = new Map<string, number>();
  const keys = new Map<string, string>();
  ms.labels.forEach((l, i) => {
    const name = l.name.trim();
    if (!name) out.push(`Label ${i + 1} has no name.`);
    else if (names.has(name.toLowerCase())) out.push(`Two labels are named "${name}".`);
    names.set(name.toLowerCase(), i);
    if (l.hotkey) {
      if (keys.has(l.hotkey)) out.push(`"${keys.get(l.hotkey)}" and "${name}" both use the key ${l.hotkey}.`);
      keys.set(l.hotkey, name);
    }
  });
  if (!ms.labels.length) out.push('Keep at least one label.');
  ms.attributes.forEach((a, i) => { if (!a.name.trim()) out.push(`Attribute ${i + 1} has no name.`); });
  (ms.tiers ?? []).forEach((t, i) => { if (!t.name.trim()) out.push(`Tier ${i + 1} has no name.`); });
  (ms.pretagger ?? []).forEach((r, i) => { if (!ms.labels.some((l) => l.id === r.label)) out.push(`Pre-tagger rule ${i + 1} has no label.`); });
  const relNames = new Set<string>();
  (ms.relations ?? []).forEach((r, i) => {
    const name = r.name.trim().toLowerCase();
    if (!name) out.push(`Relation type ${i + 1} has no name.`);
    else if (relNames.has(name)) out.push(`Two relation types are named "${r.name.trim()}".`);
    relNames.add(name);
  });
  return out;
}
