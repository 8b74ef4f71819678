// Our own JSON: every segment whole (id, times, tier, label, transcript, attributes, origin) plus the tiers, so a
// round trip loses nothing. Shape: { format: "tagger-audio-segments", version: 1, asset, durationMs, tiers, segments }.
import { TaggerError } from '../../errors.ts';
import type { AudioSegment, TierRef } from './segments.ts';

export const AUDIO_JSON_FORMAT = 'tagger-audio-segments';

export interface AudioJsonDoc {
  format: typeof AUDIO_JSON_FORMAT;
  version: 1;
  asset: string;
  durationMs: number | null;
  tiers: TierRef[];
  segments: AudioSegment[];
}

export function writeAudioJson(doc: Omit<AudioJsonDoc, 'format' | 'version'>): string {
  const out: AudioJsonDoc = { format: AUDIO_JSON_FORMAT, version: 1, ...doc, segments: [...doc.segments].sort((a, b) => a.start - b.start || a.end - b.end) };
  return JSON.stringify(out, null, 2) + '\n';
}

function lineAt(src: string, pos: number): number {
  return src.slice(0, pos).split('\n').length;
}

export function parseAudioJson(src: string, file: string): AudioJsonDoc {
  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? lineAt(src, Number(m[1])) : /line (\d+)/.exec((e as Error).message)?.[1] ?? '?';
    throw new TaggerError('corrupt', `${file}, line ${line}: not valid JSON (${(e as Error).message})`, { path: file });
  }
  const fail = (where: string, what: string) => {
    // Point at the line of the offending segment when the file is pretty-printed as we write it.
    const idx = /^segments\[(\d+)\]/.exec(where);
    let line = '?';
    if (idx) {
      let pos = src.indexOf('"segments"');
      for (let i = 0; i <= Number(idx[1]) && pos >= 0; i++) pos = src.indexOf('"start"', pos + 1);
      if (pos >= 0) line = String(lineAt(src, pos));
    }
    return new TaggerError('corrupt', `${file}, line ${line} (${where}): ${what}`, { path: file, field: where });
  };
  const d = data as Partial<AudioJsonDoc>;
  if (!d || typeof d !== 'object' || d.format !== AUDIO_JSON_FORMAT) throw fail('format', `expected "format": "${AUDIO_JSON_FORMAT}"`);
  if (d.version !== 1) throw fail('version', `version ${String(d.version)} is not supported (this app reads version 1)`);
  if (!Array.isArray(d.segments)) throw fail('segments', 'expected a list of segments');
  const tiers = Array.isArray(d.tiers) ? d.tiers.filter((t): t is TierRef => !!t && typeof t.id === 'string' && typeof t.name === 'string') : [];
  const segments = d.segments.map((s: Partial<AudioSegment>, i) => {
    const at = `segments[${i}]`;
    if (!s || typeof s !== 'object') throw fail(at, 'expected an object');
    if (typeof s.start !== 'number' || !Number.isFinite(s.start) || s.start < 0) throw fail(at, '"start" must be a time in seconds');
    if (typeof s.end !== 'number' || !Number.isFinite(s.end) || s.end < s.start) throw fail(at, '"end" must be a time in seconds, not before "start"');
    if (typeof s.tier !== 'string' || !s.tier) throw fail(at, '"tier" must be a tier id');
    if (typeof s.label !== 'string' || !s.label) throw fail(at, '"label" must be a label id');
    if (s.transcript !== undefined && typeof s.transcript !== 'string') throw fail(at, '"transcript" must be text');
    if (s.attributes !== undefined && (typeof s.attributes !== 'object' || s.attributes === null || Array.isArray(s.attributes))) throw fail(at, '"attributes" must be an object');
    if (s.origin !== undefined && s.origin !== 'human' && s.origin !== 'model') throw fail(at, '"origin" must be "human" or "model"');
    return { ...(typeof s.id === 'string' ? { id: s.id } : {}), start: s.start, end: s.end, tier: s.tier, label: s.label, transcript: s.transcript ?? '', attributes: s.attributes ?? {}, origin: s.origin ?? 'human' };
  });
  return { format: AUDIO_JSON_FORMAT, version: 1, asset: typeof d.asset === 'string' ? d.asset : file, durationMs: typeof d.durationMs === 'number' ? d.durationMs : null, tiers, segments };
}
