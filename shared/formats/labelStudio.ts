// Label Studio JSON (the "JSON" export of a project): a list of tasks {id, data: {image|audio|text: …},
// annotations: [{result: [...]}], predictions: [...]}. Each modality converts its own result types (image:
// rectanglelabels/polygonlabels in percent of original_width/height; audio: labels with start/end seconds; text:
// labels with start/end/text, relations, choices); this module reads and writes the task envelope they share and
// remembers the labelling config's control names (from_name/to_name), so export writes them back as they were.
import type { LabelStudioNames } from '../domain.ts';

export type { LabelStudioNames };

export interface LsResult {
  id?: string;
  type: string;
  from_name?: string;
  to_name?: string;
  origin?: string;
  score?: number;
  value?: Record<string, unknown>;
  original_width?: number;
  original_height?: number;
  image_rotation?: number;
  original_length?: number;
  from_id?: string;
  to_id?: string;
  direction?: string;
  labels?: string[];
  readonly?: boolean;
  hidden?: boolean;
}

export interface LsTask {
  id?: number;
  data: Record<string, unknown>;
  annotations?: { id?: number; result?: LsResult[]; was_cancelled?: boolean }[];
  predictions?: { result?: LsResult[]; score?: number; model_version?: string }[];
  meta?: Record<string, unknown>;
}

export interface LsIssue { where: string; reason: string }

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The tasks of a Label Studio JSON file (a list, or one task). Throws a message naming what is wrong. */
export function readLsTasks(src: string): LsTask[] {
  let json: unknown;
  try {
    json = JSON.parse(src);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(json) ? json : [json];
  list.forEach((t, i) => {
    if (!isObj(t) || !isObj(t.data)) throw new Error(`task ${i + 1} is not a Label Studio task (it needs a "data" object)`);
  });
  return list as LsTask[];
}

/** The results to import from a task: its first annotation that was not cancelled, else its first prediction
 *  (whose regions are then a model's). */
export function taskResults(t: LsTask): { results: LsResult[]; fromPrediction: boolean } {
  const ann = (t.annotations ?? []).find((a) => !a.was_cancelled && Array.isArray(a.result));
  if (ann) return { results: ann.result!, fromPrediction: false };
  const pred = (t.predictions ?? []).find((p) => Array.isArray(p.result));
  return { results: pred?.result ?? [], fromPrediction: !!pred };
}

/** The task's data key the results point at (their to_name), else the modality's usual one, else the first text. */
export function dataKeyOf(t: LsTask, results: readonly LsResult[], usual: string): string | undefined {
  const to = results.find((r) => r.to_name)?.to_name;
  if (to && typeof t.data[to] === 'string') return to;
  if (typeof t.data[usual] === 'string') return usual;
  return Object.keys(t.data).find((k) => typeof t.data[k] === 'string');
}

/** The file name an asset reference stands for: "/data/upload/3/6b1ad2a6-cat.jpg" → "6b1ad2a6-cat.jpg",
 *  "/data/local-files/?d=images/cat.jpg" → "cat.jpg". */
export function referencedName(ref: string): string {
  let r = ref;
  const q = r.indexOf('?d=');
  if (q >= 0) r = r.slice(q + 3);
  r = r.split(/[?#]/)[0];
  try {
    r = decodeURIComponent(r);
  } catch {
    // keep as written
  }
  const parts = r.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** Label Studio prefixes uploaded files with 8 hex digits and a dash; the name without it (or null). */
export function withoutUploadPrefix(name: string): string | null {
  const m = /^[0-9a-f]{8}-(.+)$/.exec(name);
  return m ? m[1] : null;
}

/** Collects the control names results use, for the project to keep (first seen wins). */
export function collectNames(into: LabelStudioNames, dataKey: string, results: LsResult[], regionTypes: ReadonlySet<string>, regionIds: ReadonlySet<string>): void {
  into.dataKey ||= dataKey;
  for (const r of results) {
    if (r.to_name) into.toName ||= r.to_name;
    if (!r.from_name) continue;
    if (regionTypes.has(r.type)) into.labelControls[r.type] ??= r.from_name;
    else if (r.id && regionIds.has(r.id)) into.regionControls[r.from_name] ??= r.type;
    else into.labelControls[r.type] ??= r.from_name;
  }
}

export function emptyNames(toName: string, dataKey = toName): LabelStudioNames {
  return { toName, dataKey, labelControls: {}, regionControls: {} };
}

/** Merged names: what the project kept, filled in by what this file says. */
export function mergeNames(kept: LabelStudioNames | undefined, read: LabelStudioNames): LabelStudioNames {
  if (!kept) return read;
  return {
    toName: kept.toName || read.toName,
    dataKey: kept.dataKey || read.dataKey,
    labelControls: { ...read.labelControls, ...kept.labelControls },
    regionControls: { ...read.regionControls, ...kept.regionControls },
  };
}

/** A region's value for a per-region control (choices, textarea, rating, number) as an attribute, and back. */
export function regionAttribute(r: LsResult): unknown {
  const v = r.value ?? {};
  if (r.type === 'choices' || r.type === 'taxonomy') return oneOrList(v.choices ?? v.taxonomy);
  if (r.type === 'textarea') return oneOrList(v.text);
  if (r.type === 'rating') return v.rating;
  if (r.type === 'number') return v.number;
  if (r.type === 'datetime') return v.datetime;
  return v[r.type];
}

function oneOrList(v: unknown): unknown {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

export function attributeValue(type: string, value: unknown): Record<string, unknown> {
  const list = Array.isArray(value) ? value : [value];
  if (type === 'choices') return { choices: list };
  if (type === 'taxonomy') return { taxonomy: list };
  if (type === 'textarea') return { text: list };
  return { [type]: value };
}

/** What our object ids may be (the contract's id rule), so a file's region ids are kept when they fit. */
export const keptIdPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

/** A result id kept as our object id when it is a valid one and not taken in the task; else a fresh one. */
export function keptId(id: unknown, taken: Set<string>, fresh: () => string): string {
  const ok = typeof id === 'string' && keptIdPattern.test(id) && !taken.has(id);
  const out = ok ? (id as string) : fresh();
  taken.add(out);
  return out;
}
