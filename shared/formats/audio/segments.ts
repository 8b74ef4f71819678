// Our segment objects ↔ the formats' text intervals. Text-only formats carry the transcript as the interval text;
// a segment without a transcript carries its label id instead, and reading maps a text equal to a label id or name
// back to that label. So a labelled segment without words and a transcribed segment both survive a round trip;
// what a format cannot hold (a non-default label AND a transcript, attributes) is named in a warning.
import { normName as norm, type IntervalDoc } from './model.ts';

export interface AudioSegment {
  id?: string;
  start: number;
  end: number;
  /** Tier id. */
  tier: string;
  label: string;
  transcript: string;
  attributes?: Record<string, unknown>;
  origin?: 'human' | 'model';
  /** A point event (start === end). */
  point?: boolean;
}

export interface TierRef { id: string; name: string; kind?: 'point' }

export interface SegmentContext {
  tiers: TierRef[];
  labels: { id: string; name: string }[];
  /** Label given to intervals whose text is a transcript (the schema's "speech" label, or its first). */
  defaultLabel: string;
}

export type Carries = 'text' | 'nothing';

/** Attributes the interval formats carry themselves (the transcript as text, WebVTT's cue identifier and settings). */
const CARRIED = new Set(['transcript', 'cue_id', 'cue_settings']);


/** Tier names to write: names for display formats, ids where names must be tokens (RTTM). */
export function segmentsToDoc(
  name: string,
  segments: AudioSegment[],
  ctx: SegmentContext,
  opts: { carries: Carries; tierKey: 'name' | 'id'; duration?: number },
): { doc: IntervalDoc; warnings: string[] } {
  const warnings: string[] = [];
  const tiers = [...ctx.tiers];
  // One pass over the segments for everything asked per tier below (tens of thousands of segments, many speakers).
  const tierIds = new Set(tiers.map((t) => t.id));
  const withSegments = new Set<string>();
  const withRanges = new Set<string>();
  for (const s of segments) {
    if (!tierIds.has(s.tier)) {
      tierIds.add(s.tier);
      tiers.push({ id: s.tier, name: s.tier });
    }
    withSegments.add(s.tier);
    if (!s.point) withRanges.add(s.tier);
  }
  const key = new Map(tiers.map((t) => [t.id, opts.tierKey === 'id' ? t.id : t.name]));
  let lostLabels = 0;
  let lostText = 0;
  let lostAttributes = 0;
  const intervals = segments.map((s) => {
    if (s.transcript && s.label !== ctx.defaultLabel) lostLabels++;
    if (opts.carries === 'nothing' && (s.transcript || s.label !== ctx.defaultLabel)) lostText++;
    if (s.attributes && Object.keys(s.attributes).some((k) => !CARRIED.has(k))) lostAttributes++;
    const cue = { ...(typeof s.attributes?.cue_id === 'string' ? { cueId: s.attributes.cue_id } : {}), ...(typeof s.attributes?.cue_settings === 'string' ? { cueSettings: s.attributes.cue_settings } : {}) };
    // A point with no words and the default label had an empty mark (a point is an event even without text).
    const text = s.transcript || (s.point && s.label === ctx.defaultLabel ? '' : s.label);
    return { start: s.start, end: s.end, tier: key.get(s.tier) ?? s.tier, text, ...cue, ...(s.point ? { point: true } : {}) };
  });
  if (opts.carries === 'text' && lostLabels) warnings.push(`${name}: ${lostLabels} segment(s) have both a label and a transcript; only the transcript is kept (the label becomes "${ctx.defaultLabel}" on import).`);
  if (opts.carries === 'nothing' && lostText) warnings.push(`${name}: labels and transcripts of ${lostText} segment(s) are not kept (the format holds only times and speakers).`);
  if (lostAttributes) warnings.push(`${name}: attributes of ${lostAttributes} segment(s) are not kept (use JSON to keep them).`);
  const schemaTiers = new Set(ctx.tiers);
  const usedTiers = tiers.filter((t) => schemaTiers.has(t) || withSegments.has(t.id));
  // A point tier of the schema, or a tier that holds only point events, is written as one (TextGrid TextTier).
  const pointTiers = usedTiers.filter((t) => t.kind === 'point' || (withSegments.has(t.id) && !withRanges.has(t.id))).map((t) => key.get(t.id)!);
  return { doc: { name, duration: opts.duration, tiers: usedTiers.map((t) => key.get(t.id)!), intervals, ...(pointTiers.length ? { pointTiers } : {}) }, warnings };
}

/** Maps a read document onto the project: tier names/ids and label texts are matched case-insensitively. Tiers the
 *  project lacks are returned in newTiers (with an id made from the name) for the caller to add to the schema; an
 *  interval without a speaker stays on no tier (''). Cue identifiers and settings become attributes. */
export function docToSegments(doc: IntervalDoc, ctx: SegmentContext): { segments: AudioSegment[]; newTiers: TierRef[] } {
  const newTiers: TierRef[] = [];
  // Lookups by normalised name, built once: the first tier or label whose id or name matches wins, as a scan would.
  const byNorm = <T extends { id: string; name: string }>(xs: readonly T[]) => {
    const m = new Map<string, T>();
    for (const x of xs) for (const k of [norm(x.id), norm(x.name)]) if (!m.has(k)) m.set(k, x);
    return m;
  };
  const schemaTiers = byNorm(ctx.tiers);
  const labels = byNorm(ctx.labels);
  const takenIds = new Set(ctx.tiers.map((t) => t.id));
  const tierOfName = new Map<string, string>();
  const pointNames = new Set(doc.pointTiers ?? []);
  const tierFor = (name: string): string => {
    // No speaker in the file: no tier, so none is invented on export.
    if (!name.trim()) return '';
    const known = tierOfName.get(name);
    if (known !== undefined) return known;
    const hit = schemaTiers.get(norm(name)) ?? newTiers.find((t) => t.name === name.trim());
    let id = hit?.id;
    if (id === undefined) {
      id = name.trim().replace(/[^A-Za-z0-9_.:-]+/g, '_').slice(0, 100) || 'tier';
      while (takenIds.has(id)) id += '_';
      takenIds.add(id);
      newTiers.push({ id, name: name.trim(), ...(pointNames.has(name) ? { kind: 'point' as const } : {}) });
    }
    tierOfName.set(name, id);
    return id;
  };
  for (const t of doc.tiers) tierFor(t);
  const segments = doc.intervals.map((iv) => {
    const n = norm(iv.text);
    const label = n ? labels.get(n) : undefined;
    const attributes = { ...(iv.cueId ? { cue_id: iv.cueId } : {}), ...(iv.cueSettings ? { cue_settings: iv.cueSettings } : {}) };
    return {
      start: iv.start, end: iv.end, tier: tierFor(iv.tier), label: label?.id ?? ctx.defaultLabel, transcript: label ? '' : iv.text,
      ...(Object.keys(attributes).length ? { attributes } : {}), ...(iv.point ? { point: true } : {}),
    };
  });
  return { segments, newTiers };
}
