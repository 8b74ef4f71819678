// SubRip (.srt): numbered cues with "hh:mm:ss,ttt --> hh:mm:ss,ttt" timings. SRT has no speakers, so a segment on
// a tier starts its text with "[tier] " (see tierPrefix.ts).
import { byTime, formatError, withoutBlankLines, type IntervalDoc, type WriteResult } from './model.ts';
import { parseTimestamp, vttTime } from './webvtt.ts';
import { splitTierPrefix, withTierPrefix } from './tierPrefix.ts';

export function writeSrt(doc: IntervalDoc): WriteResult {
  const warnings: string[] = [];
  const out: string[] = [];
  byTime(doc.intervals).forEach((iv, i) => {
    const text = withoutBlankLines(iv.text).trim();
    if (text !== iv.text.trim()) warnings.push(`${doc.name}: the text at ${vttTime(iv.start)} had blank lines, which SRT cannot hold; they were removed.`);
    out.push(String(i + 1), `${vttTime(iv.start, ',')} --> ${vttTime(iv.end, ',')}`, withTierPrefix(text, iv.tier), '');
  });
  return { text: out.join('\n'), warnings };
}

export function parseSrt(src: string, file: string, knownTiers: string[] = []): IntervalDoc {
  const lines = src.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const doc: IntervalDoc = { name: file, tiers: [], intervals: [] };
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].trim()) {
      i++;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim()) block.push(lines[i++]);
    const t = block[0].includes('-->') ? 0 : 1;
    if (t === 1 && !/^\d+$/.test(block[0].trim())) throw formatError(file, blockStart + 1, `expected a cue number, found "${block[0].slice(0, 40)}"`);
    const timing = block[t];
    if (!timing?.includes('-->')) throw formatError(file, blockStart + 1 + t, 'expected a timing "00:00:01,000 --> 00:00:02,000"');
    const [a, b] = timing.split('-->').map((x) => x.trim().split(/\s+/)[0]);
    const start = parseTimestamp(a);
    const end = parseTimestamp(b ?? '');
    if (start === null) throw formatError(file, blockStart + 1 + t, `"${a}" is not a timestamp (hh:mm:ss,ttt)`);
    if (end === null) throw formatError(file, blockStart + 1 + t, `"${b}" is not a timestamp (hh:mm:ss,ttt)`);
    if (end < start) throw formatError(file, blockStart + 1 + t, 'the cue ends before it starts');
    const { tier, text } = splitTierPrefix(block.slice(t + 1).join('\n'), knownTiers);
    if (!doc.tiers.includes(tier)) doc.tiers.push(tier);
    doc.intervals.push({ start, end, tier, text });
  }
  return doc;
}
