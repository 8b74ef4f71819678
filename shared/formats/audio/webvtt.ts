// WebVTT captions: a cue per segment, the tier as the cue's voice (<v Speaker A>). Cue timings are milliseconds,
// the precision WebVTT has. Cue identifiers and settings are kept; NOTE, STYLE and REGION blocks are skipped on reading.
import { byTime, formatError, withoutBlankLines, type IntervalDoc, type WriteResult } from './model.ts';

export function vttTime(s: number, sep = '.'): string {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}${sep}${String(ms % 1000).padStart(3, '0')}`;
}

/** hh:mm:ss.ttt or mm:ss.ttt (SRT uses a comma); null when it is not a timestamp. */
export function parseTimestamp(s: string): number | null {
  const m = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{3})$/.exec(s.trim());
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');

export function writeWebVtt(doc: IntervalDoc): WriteResult {
  const warnings: string[] = [];
  const out = ['WEBVTT', ''];
  byTime(doc.intervals).forEach((iv) => {
    // A blank line would end the cue; "-->" would read as a timing line.
    let text = withoutBlankLines(iv.text).replace(/-->/g, '->').trim();
    if (text !== iv.text.trim()) warnings.push(`${doc.name}: the text at ${vttTime(iv.start)} had blank lines or "-->", which WebVTT cannot hold; they were simplified.`);
    text = escape(text);
    const voice = iv.tier ? `<v ${escape(iv.tier)}>` : '';
    const id = iv.cueId && !iv.cueId.includes('-->') && !/[\r\n]/.test(iv.cueId) ? [iv.cueId] : [];
    const settings = iv.cueSettings && !/[\r\n]/.test(iv.cueSettings) ? ` ${iv.cueSettings}` : '';
    out.push(...id, `${vttTime(iv.start)} --> ${vttTime(iv.end)}${settings}`, `${voice}${text}`, '');
  });
  return { text: out.join('\n'), warnings };
}

/** Reads WebVTT as the W3C parser does: the signature line, header lines up to the first blank line (youtube-dl's
 *  "Kind:"/"Language:"), then blocks separated by blank lines: NOTE, STYLE and REGION blocks are skipped, a cue is an
 *  optional identifier line, a timing line "start --> end [settings]" and its payload. The voice of a payload's
 *  <v Name> span is the tier; other markup is presentation and is removed from the text. */
export function parseWebVtt(src: string, file: string): IntervalDoc {
  const lines = src.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw formatError(file, 1, 'a WebVTT file starts with "WEBVTT"');
  const doc: IntervalDoc = { name: file, tiers: [], intervals: [] };
  let i = 1;
  while (i < lines.length && lines[i].trim()) i++; // the header
  while (i < lines.length) {
    if (!lines[i].trim()) {
      i++;
      continue;
    }
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim()) block.push(lines[i++]);
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block[0]) && !block[0].includes('-->')) continue;
    const t = block[0].includes('-->') ? 0 : 1;
    const timing = block[t];
    if (!timing?.includes('-->')) throw formatError(file, blockStart + 1 + t, 'expected a cue timing "00:00:01.000 --> 00:00:02.000"');
    const arrow = timing.indexOf('-->');
    const a = timing.slice(0, arrow);
    const [b = '', ...settings] = timing.slice(arrow + 3).trim().split(/[ \t]+/);
    const start = parseTimestamp(a);
    const end = parseTimestamp(b);
    if (start === null) throw formatError(file, blockStart + 1 + t, `"${a.trim()}" is not a timestamp (hh:mm:ss.ttt)`);
    if (end === null) throw formatError(file, blockStart + 1 + t, `"${b}" is not a timestamp (hh:mm:ss.ttt)`);
    if (end < start) throw formatError(file, blockStart + 1 + t, 'the cue ends before it starts');
    let payload = block.slice(t + 1).join('\n');
    let tier = '';
    const v = /^<v(?:\.[^\s>]*)?[ \t]+([^>]*)>/.exec(payload);
    if (v) {
      tier = unescape(v[1].trim());
      payload = payload.slice(v[0].length).replace(/<\/v>\s*$/, '');
    }
    // Other cue markup (<b>, <i>, <c.class>, timestamps) is presentation, not words.
    const text = unescape(payload.replace(/<[^>]*>/g, ''));
    if (!doc.tiers.includes(tier)) doc.tiers.push(tier);
    doc.intervals.push({ start, end, tier, text, ...(t === 1 ? { cueId: block[0] } : {}), ...(settings.length ? { cueSettings: settings.join(' ') } : {}) });
  }
  return doc;
}
