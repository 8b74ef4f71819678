// The neutral shape the audio formats convert to and from. Text-only formats (TextGrid, RTTM, Audacity, WebVTT,
// SRT) carry intervals of text on named tiers; `segments.ts` maps that text to our label + transcript. JSON
// carries our segments whole.
import { TaggerError } from '../../errors.ts';

export interface Interval {
  start: number;
  end: number;
  /** Tier as the file names it: TextGrid tier, RTTM speaker, WebVTT voice ('' when the format has none). */
  tier: string;
  text: string;
  /** WebVTT cue identifier and cue settings ("line:0 align:start"), kept so a file comes back as it was. */
  cueId?: string;
  cueSettings?: string;
  /** A point event (start === end): a Praat point tier's point, an Audacity point label. */
  point?: boolean;
}

export interface IntervalDoc {
  /** File id (RTTM), or the file's own name for single-document formats. */
  name: string;
  /** End of the recording when the format states it (TextGrid xmax). */
  duration?: number;
  /** Tier names in the file's order, including empty tiers. */
  tiers: string[];
  intervals: Interval[];
  /** Tiers that hold points rather than intervals (Praat TextTiers), by name. */
  pointTiers?: string[];
}

export interface WriteResult {
  text: string;
  warnings: string[];
}

/** A parse error that names the file and line, as every bad-input message must. */
export function formatError(file: string, line: number, what: string): TaggerError {
  return new TaggerError('corrupt', `${file}, line ${line}: ${what}`, { path: file, line });
}

/** Shortest decimal that reads back to the same double, without exponent for the small values formats expect. */
export function num(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const s = String(x);
  return s.includes('e') ? x.toFixed(9).replace(/0+$/, '') : s;
}

/** Orders intervals by tier order then time, the order every writer uses. */
export function sortIntervals(doc: IntervalDoc): Interval[] {
  const order = new Map(doc.tiers.map((t, i) => [t, i]));
  return [...doc.intervals].sort((a, b) => (order.get(a.tier) ?? 1e9) - (order.get(b.tier) ?? 1e9) || a.start - b.start || a.end - b.end);
}

/** Intervals in time order (then by end), the order of the cue and label formats. */
export function byTime(intervals: readonly Interval[]): Interval[] {
  return [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Unifies line endings and collapses blank lines: a blank line ends a cue in WebVTT and SRT. */
export function withoutBlankLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n');
}

/** Compares tier and label names as people write them: case, spacing and underscores do not matter. */
export function normName(s: string): string {
  return s.trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

/** Decodes a text file's bytes: UTF-8 (with or without BOM) or UTF-16 LE/BE with BOM, as Praat writes either. */
export function decodeTextBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
    for (let i = 0; i + 1 < swapped.length; i += 2) {
      swapped[i] = bytes[i + 3];
      swapped[i + 1] = bytes[i + 2];
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes.subarray(start));
    const bad = loose.indexOf('\uFFFD');
    const line = loose.slice(0, bad).split('\n').length;
    throw new TaggerError('corrupt', `${file}, line ${line}: not valid UTF-8 (and no UTF-16 byte-order mark); save it as UTF-8 and import again.`, { path: file, line });
  }
}
