// Label Studio JSON for audio: "labels" regions with start/end in seconds (and a channel) on the recording; a
// per-region "textarea" is the segment's transcript, other per-region controls (choices, rating …) its attributes.
// Labels are label NAMES here (the importer resolves them onto the project); segments lie on no tier.
import { attributeValue, collectNames, dataKeyOf, emptyNames, keptIdPattern, referencedName, regionAttribute, taskResults, type LabelStudioNames, type LsResult, type LsTask } from '../labelStudio.ts';
import type { AudioSegment } from './segments.ts';

export interface LsAudioDoc { name: string; ref: string; segments: AudioSegment[] }

const stemOf = (name: string) => name.replace(/\.[^.]+$/, '');

export function fromLabelStudioAudio(tasks: LsTask[], source: string): { docs: LsAudioDoc[]; warnings: string[]; names: LabelStudioNames } {
  const warnings: string[] = [];
  const names = emptyNames('', '');
  const docs: LsAudioDoc[] = [];
  tasks.forEach((t, i) => {
    const where = `${source}: task ${t.id ?? i + 1}`;
    const { results, fromPrediction } = taskResults(t);
    const key = dataKeyOf(t, results, 'audio');
    if (!key) return warnings.push(`${where}: the task's "data" names no recording`);
    const ref = t.data[key] as string;
    const regions = results.filter((r) => r.type === 'labels');
    const ids = new Set(regions.map((r) => r.id).filter((x): x is string => typeof x === 'string'));
    collectNames(names, key, results, new Set(['labels']), ids);
    const extra = new Map<string, { transcript?: string; attributes: Record<string, unknown> }>();
    for (const r of results) {
      if (r.type === 'labels') continue;
      if (!(r.id && ids.has(r.id) && r.from_name)) {
        warnings.push(`${where}: a "${r.type}" result${r.from_name ? ` of "${r.from_name}"` : ''} about the whole recording is not kept`);
        continue;
      }
      const e = extra.get(r.id) ?? { attributes: {} };
      const v = regionAttribute(r);
      if (r.type === 'textarea' && e.transcript === undefined) e.transcript = Array.isArray(v) ? v.join('\n') : String(v ?? '');
      else e.attributes[r.from_name] = v;
      extra.set(r.id, e);
    }
    const segments: AudioSegment[] = [];
    for (const r of regions) {
      const v = r.value ?? {};
      const label = Array.isArray(v.labels) && typeof v.labels[0] === 'string' ? (v.labels[0] as string) : '';
      const start = Number(v.start), end = Number(v.end);
      if (!label || !Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end <= start) {
        warnings.push(`${where}, region ${r.id ?? '?'}: a labels region needs a label and 0 ≤ start < end seconds (got ${String(v.start)}–${String(v.end)}); skipped`);
        continue;
      }
      const e = extra.get(r.id ?? '');
      const attributes = { ...e?.attributes };
      if (typeof v.channel === 'number' && v.channel) attributes.channel = v.channel;
      if (typeof r.score === 'number') attributes.score = r.score;
      segments.push({
        ...(typeof r.id === 'string' && keptIdPattern.test(r.id) ? { id: r.id } : {}),
        start, end, tier: '', label, transcript: e?.transcript ?? '', attributes,
        origin: fromPrediction || r.origin === 'prediction' ? 'model' : 'human',
      });
    }
    docs.push({ name: stemOf(referencedName(ref)), ref, segments });
  });
  return { docs, warnings, names };
}

export interface LsAudioExport { ref: string; durationSeconds: number | null; segments: AudioSegment[] }

/** Segments (labels as names) as Label Studio tasks with the project's kept control names. */
export function toLabelStudioAudio(docs: LsAudioExport[], kept: LabelStudioNames | undefined): { text: string; warnings: string[] } {
  const names = kept ?? emptyNames('audio');
  const toName = names.toName || 'audio';
  const transcription = Object.entries(names.regionControls).find(([, type]) => type === 'textarea')?.[0] ?? 'transcription';
  let lost = 0, onTiers = 0;
  const tasks = docs.map((d, i) => {
    const result: LsResult[] = [];
    d.segments.forEach((s, k) => {
      const id = s.id ?? `seg${i + 1}_${k + 1}`;
      const { channel, score, ...rest } = s.attributes ?? {};
      const where = { start: s.start, end: s.end, channel: typeof channel === 'number' ? channel : 0 };
      const frame = d.durationSeconds !== null ? { original_length: d.durationSeconds } : {};
      const origin = s.origin === 'model' ? 'prediction' : 'manual';
      if (s.tier) onTiers++;
      result.push({ ...frame, value: { ...where, labels: [s.label] }, id, from_name: names.labelControls.labels ?? 'label', to_name: toName, type: 'labels', origin, ...(typeof score === 'number' ? { score } : {}) });
      if (s.transcript) result.push({ ...frame, value: { ...where, text: [s.transcript] }, id, from_name: transcription, to_name: toName, type: 'textarea', origin });
      for (const [name, v] of Object.entries(rest)) {
        const type = names.regionControls[name];
        if (!type || name === transcription) {
          if (!['transcript', 'cue_id', 'cue_settings'].includes(name)) lost++;
          continue;
        }
        result.push({ ...frame, value: { ...where, ...attributeValue(type, v) }, id, from_name: name, to_name: toName, type, origin });
      }
    });
    return { id: i + 1, data: { [names.dataKey || toName]: d.ref }, annotations: [{ id: i + 1, result }], predictions: [] };
  });
  const warnings: string[] = [];
  if (onTiers) warnings.push(`${onTiers} segment(s) are on a speaker tier; Label Studio's labels region has no speaker, so the tier was not written (use RTTM, TextGrid or JSON to keep speakers)`);
  if (lost) warnings.push(`${lost} attribute value(s) have no Label Studio control in this project and were not written`);
  return { text: JSON.stringify(tasks, null, 1), warnings };
}
