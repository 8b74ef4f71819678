// Audacity label track (File > Export > Labels): "start<TAB>end<TAB>text" per line, times in seconds; a line
// starting with "\" carries the spectral selection of the label above and is skipped. One track has no tiers,
// so a label on a tier starts with "[tier] " (read back the same way); one on no tier has no prefix.
import { byTime, formatError, type IntervalDoc, type WriteResult } from './model.ts';
import { splitTierPrefix, withTierPrefix } from './tierPrefix.ts';

export function writeAudacity(doc: IntervalDoc): WriteResult {
  const warnings: string[] = [];
  const lines = byTime(doc.intervals).map((iv) => `${iv.start.toFixed(6)}\t${iv.end.toFixed(6)}\t${withTierPrefix(iv.text.replace(/[\t\r\n]+/g, ' '), iv.tier)}`);
  if (doc.intervals.some((i) => /[\t\r\n]/.test(i.text))) warnings.push(`${doc.name}: line breaks and tabs in texts became spaces (an Audacity label is one line).`);
  return { text: lines.length ? lines.join('\n') + '\n' : '', warnings };
}

export function parseAudacity(src: string, file: string, knownTiers: string[] = []): IntervalDoc {
  const doc: IntervalDoc = { name: file, tiers: [], intervals: [] };
  src.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.startsWith('\\')) return;
    const f = raw.split('\t');
    if (f.length < 2) throw formatError(file, line, 'expected "start<TAB>end<TAB>label" (times in seconds, separated by tabs)');
    const start = Number(f[0].trim().replace(',', '.'));
    const end = Number(f[1].trim().replace(',', '.'));
    if (!Number.isFinite(start) || start < 0) throw formatError(file, line, `start "${f[0]}" is not a time in seconds`);
    if (!Number.isFinite(end) || end < start) throw formatError(file, line, `end "${f[1]}" is not a time in seconds after the start`);
    const { tier, text } = splitTierPrefix(f.slice(2).join('\t'), knownTiers);
    if (!doc.tiers.includes(tier)) doc.tiers.push(tier);
    doc.intervals.push({ start: Number(start.toFixed(6)), end: Number(end.toFixed(6)), tier, text, ...(start === end ? { point: true } : {}) });
  });
  return doc;
}
