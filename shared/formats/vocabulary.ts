// A dataset's own vocabulary on import and export: label names exactly as the file writes them (no case folding
// onto a schema), the file's class/category ids and their order kept on the labels (LabelDef.classId) so export
// writes them back, and an explicit mapping (--map-labels / the Import dialog) when a team does want its names
// mapped onto labels the project already has. Every format of every modality resolves names through here.
import type { LabelDef } from '../domain.ts';
import { PALETTE, defaultSchema } from '../defaultSchema.ts';
import { TaggerError } from '../errors.ts';

/** A label the file declares: its name, and the id and group the file gives it when it has them. */
export interface CategoryDef { name: string; id?: number; supercategory?: string; /** #rrggbb the file gives the label (CVAT). */ color?: string }

/** Name in the file → name (or id) of a label the project already has, or null to skip that name's objects. */
export type LabelMapping = Record<string, string | null>;

/** An id made from a name (letters, digits and _ . : - as the contract allows). */
export const slug = (name: string) => name.replace(/[^A-Za-z0-9_.:-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 100) || 'label';

/** Whether these labels are the starter labels a new project gets, so a dataset with its own may replace them. */
export function isStarterVocabulary(kind: 'image' | 'audio' | 'text', labels: readonly LabelDef[]): boolean {
  const starter = defaultSchema()[kind]?.labels ?? [];
  return labels.length === starter.length && labels.every((l, i) => l.id === starter[i].id && l.name === starter[i].name);
}

export interface Vocabulary {
  /** The label id a name in the file stands for (new labels are created as needed). */
  resolve(name: string): string;
  /** The labels after the import: the existing ones (ids filled in) then the new ones in the file's order. */
  labels(): LabelDef[];
  added(): LabelDef[];
  /** Whether labels() differs from what was given. */
  changed(): boolean;
  /** The label id of one object labelled `name` in the file, or null when the mapping skips the name; counted
   *  for the report. */
  resolveObject(name: string): string | null;
  /** Whether the mapping skips this name (its objects are not imported). */
  skips(name: string): boolean;
  /** What the mapping did, for the import report ("cat → Animal: 12 object(s)", "skipped dog: 3 object(s)"). */
  mappingNotes(): string[];
}

/** Whether a mapping maps some name onto an existing label (then the project's labels are kept as they are). */
export const mapsOntoLabels = (mapping: LabelMapping | undefined) => Object.values(mapping ?? {}).some((v) => v !== null);

/** The CLI's word for the dialog's *skip*: `--map-labels "cat=skip"` leaves the file's cat objects out. */
export const SKIP_LABEL = 'skip';

/** Parses "a=b,c=d" (the CLI form) into a mapping; "a=skip" skips a's objects (null, as the dialog's *skip*). */
export function parseLabelMapping(text: string): LabelMapping {
  const out: LabelMapping = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const at = part.lastIndexOf('=');
    if (at <= 0 || at === part.length - 1) throw new TaggerError('invalid_argument', `--map-labels: "${part.trim()}" is not NAME_IN_FILE=PROJECT_LABEL (or NAME_IN_FILE=${SKIP_LABEL} to leave its objects out).`);
    const to = part.slice(at + 1).trim();
    out[part.slice(0, at).trim()] = to === SKIP_LABEL ? null : to;
  }
  return out;
}

/** `reuse`: labels dropped from the project (unused starter labels) whose id and color a file label of exactly
 *  the same name takes over, so objects and settings that name them keep working. */
export function vocabulary(existing: readonly LabelDef[], declared: readonly CategoryDef[] = [], mapping: LabelMapping = {}, reuse: readonly LabelDef[] = [], fixed = false): Vocabulary {
  if (fixed) return fixedVocabulary(existing);
  const labels = existing.map((l) => ({ ...l }));
  const byName = new Map<string, LabelDef>();
  for (const l of labels) if (!byName.has(l.name)) byName.set(l.name, l);
  const ids = new Set(labels.map((l) => l.id));
  const added: LabelDef[] = [];
  let changed = false;
  const mapped = new Map<string, LabelDef>();
  const skipped = new Set<string>();
  const mappedUses = new Map<string, number>();
  const skippedUses = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const [from, to] of Object.entries(mapping)) {
    if (to === null) {
      skipped.add(from);
      continue;
    }
    const target = byName.get(to) ?? labels.find((l) => l.id === to);
    if (!target) throw new TaggerError('invalid_argument', `Label mapping "${from}=${to}": the project has no label named "${to}" (it has: ${labels.map((l) => l.name).join(', ') || 'none'}).`);
    mapped.set(from, target);
  }
  const take = (c: CategoryDef): LabelDef => {
    const hit = mapped.get(c.name) ?? byName.get(c.name);
    if (hit) {
      if (c.id !== undefined && hit.classId === undefined && !labels.some((l) => l.classId === c.id) && !mapped.has(c.name)) {
        hit.classId = c.id;
        changed = true;
      }
      if (c.supercategory && hit.supercategory === undefined && !mapped.has(c.name)) {
        hit.supercategory = c.supercategory;
        changed = true;
      }
      return hit;
    }
    const old = reuse.find((l) => l.name === c.name && !ids.has(l.id));
    let id = old?.id ?? slug(c.name);
    for (let k = 2; ids.has(id); k++) id = `${slug(c.name)}_${k}`;
    const all = labels.length + added.length;
    const hotkey = all < 9 ? String(all + 1) : all === 9 ? '0' : undefined;
    const free = hotkey !== undefined && ![...labels, ...added].some((l) => l.hotkey === hotkey);
    const color = c.color && /^#[0-9a-fA-F]{6}$/.test(c.color) ? c.color.toLowerCase() : (old?.color ?? PALETTE[all % PALETTE.length]);
    const def: LabelDef = { id, name: c.name.slice(0, 200), color, ...(free ? { hotkey } : {}) };
    if (c.id !== undefined && !labels.some((l) => l.classId === c.id) && !added.some((l) => l.classId === c.id)) def.classId = c.id;
    if (c.supercategory) def.supercategory = c.supercategory;
    ids.add(id);
    byName.set(c.name, def);
    added.push(def);
    changed = true;
    return def;
  };
  for (const c of declared) if (!skipped.has(c.name)) take(c);
  return {
    resolve: (name) => take({ name }).id,
    resolveObject: (name) => {
      if (skipped.has(name)) {
        bump(skippedUses, name);
        return null;
      }
      if (mapped.has(name)) bump(mappedUses, name);
      return take({ name }).id;
    },
    labels: () => [...labels, ...added],
    added: () => [...added],
    changed: () => changed,
    skips: (name) => skipped.has(name),
    mappingNotes: () => [
      ...[...mappedUses].map(([from, n]) => `mapped "${from}" onto the label "${mapped.get(from)!.name}": ${n} object(s)`),
      ...[...skippedUses].map(([from, n]) => `skipped "${from}" as chosen: ${n} object(s) not imported`),
    ],
  };
}

/** Ids to write for labels: kept class ids first; labels without one get the next free ids after the largest. */
export function classIds(labels: readonly LabelDef[], start: 0 | 1): Map<string, number> {
  const out = new Map<string, number>();
  const used = new Set<number>();
  for (const l of labels) if (l.classId !== undefined && !used.has(l.classId)) { out.set(l.id, l.classId); used.add(l.classId); }
  let next = Math.max(start - 1, ...used) + 1;
  for (const l of labels) if (!out.has(l.id)) { out.set(l.id, next); used.add(next++); }
  return out;
}

/** A vocabulary that never changes the project: a name is a label's exact name or id, else left as written (for
 *  imports that must not touch the schema, such as another annotator's version, which refuses unknown labels). */
function fixedVocabulary(existing: readonly LabelDef[]): Vocabulary {
  const byName = new Map(existing.map((l) => [l.name, l.id]));
  return {
    resolve: (name) => byName.get(name) ?? name,
    labels: () => [...existing],
    added: () => [],
    changed: () => false,
    resolveObject: (name) => byName.get(name) ?? name,
    skips: () => false,
    mappingNotes: () => [],
  };
}

/** A label name a file uses: the id it declares for it (null when none) and how many objects carry it. */
export interface FileClass { name: string; id: number | null; count: number }

/** The classes of a file for the Import dialog's mapping step: the declared ones in the file's order (also those
 *  no object uses), then names only objects use, in order of first use. */
export function fileClasses(declared: readonly CategoryDef[], used: Iterable<string>): FileClass[] {
  const out = new Map<string, FileClass>();
  for (const c of declared) if (!out.has(c.name)) out.set(c.name, { name: c.name, id: c.id ?? null, count: 0 });
  for (const name of used) {
    const c = out.get(name);
    if (c) c.count++;
    else out.set(name, { name, id: null, count: 1 });
  }
  return [...out.values()];
}
