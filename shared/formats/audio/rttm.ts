// RTTM (NIST Rich Transcription Time Marked), the diarization format: one SPEAKER line per segment, many
// recordings in one file (the file-id column). Speakers are our tiers; RTTM carries neither labels nor text.
import { byTime, formatError, num, sortIntervals, type IntervalDoc, type WriteResult } from './model.ts';

/** RTTM fields are whitespace-separated, so a name with spaces is written with underscores. */
export function rttmField(s: string): string {
  return s.trim().replace(/\s+/g, '_') || 'unknown';
}

export function writeRttm(docs: IntervalDoc[]): WriteResult {
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const doc of docs) {
    const file = rttmField(doc.name);
    if (file !== doc.name) warnings.push(`${doc.name}: written as file id "${file}" (RTTM fields cannot contain spaces).`);
    for (const iv of byTime(sortIntervals(doc))) {
      lines.push(`SPEAKER ${file} 1 ${num(iv.start)} ${num(round9(iv.end - iv.start))} <NA> <NA> ${rttmField(iv.tier)} <NA> <NA>`);
    }
  }
  return { text: lines.length ? lines.join('\n') + '\n' : '', warnings };
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Reads SPEAKER lines (other RTTM types such as LEXEME or SPKR-INFO are skipped with a note). */
export function parseRttm(src: string, file: string): { docs: IntervalDoc[]; warnings: string[] } {
  const byFile = new Map<string, IntervalDoc>();
  const warnings: string[] = [];
  const skippedTypes = new Set<string>();
  src.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const text = raw.replace(/;;.*$/, '').trim(); // ";;" starts a comment
    if (!text) return;
    const f = text.split(/\s+/);
    if (f[0] !== 'SPEAKER') {
      if (!/^[A-Z-]+$/.test(f[0])) throw formatError(file, line, `"${f[0]}" is not an RTTM record type (expected SPEAKER …)`);
      skippedTypes.add(f[0]);
      return;
    }
    if (f.length < 9) throw formatError(file, line, `a SPEAKER line needs at least 9 fields (type, file, channel, onset, duration, <NA>, <NA>, speaker, <NA>); found ${f.length}`);
    const start = Number(f[3]);
    const dur = Number(f[4]);
    if (!Number.isFinite(start) || start < 0) throw formatError(file, line, `onset "${f[3]}" is not a time in seconds`);
    if (!Number.isFinite(dur) || dur < 0) throw formatError(file, line, `duration "${f[4]}" is not a time in seconds`);
    const doc = byFile.get(f[1]) ?? { name: f[1], tiers: [], intervals: [] };
    byFile.set(f[1], doc);
    if (!doc.tiers.includes(f[7])) doc.tiers.push(f[7]);
    doc.intervals.push({ start, end: round9(start + dur), tier: f[7], text: '' });
  });
  for (const t of skippedTypes) warnings.push(`${file}: ${t} lines skipped (only SPEAKER segments are imported)`);
  return { docs: [...byFile.values()], warnings };
}
