// The project's dictionary / pattern pre-tagger: terms and regular expressions per label propose spans that are
// stored as machine-made (origin 'model') until a person accepts them.
import type { PretaggerRule } from '../domain.ts';
import { TaggerError } from '../errors.ts';

export interface Proposal { start: number; end: number; label: string }

const ESC = /[.*+?^${}()|[\]\\/-]/g;
const MAX_PROPOSALS = 100_000;

/** Compiles the rules once; a bad pattern is reported with the rule's label and position. */
export function compileRules(rules: readonly PretaggerRule[]): { label: string; re: RegExp }[] {
  const out: { label: string; re: RegExp }[] = [];
  rules.forEach((r, i) => {
    const flags = r.caseSensitive ? 'gu' : 'giu';
    const terms = (r.terms ?? []).map((t) => t.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
    if (terms.length) {
      // Whole words only: no letter, digit or mark may touch the term on either side (works for any script).
      const body = terms.map((t) => t.replace(ESC, '\\$&')).join('|');
      out.push({ label: r.label, re: new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])(?:${body})(?![\\p{L}\\p{N}\\p{M}_])`, flags) });
    }
    (r.patterns ?? []).forEach((p, j) => {
      try {
        out.push({ label: r.label, re: new RegExp(p, flags) });
      } catch (e) {
        throw new TaggerError('invalid_argument', `Pre-tagger rule ${i + 1} (label "${r.label}"), pattern ${j + 1} is not a valid regular expression: ${(e as Error).message}`, { rule: i, pattern: j });
      }
    });
  });
  return out;
}

/** Proposals for text, in document order, without duplicates (same start, end and label). */
export function pretag(text: string, rules: readonly PretaggerRule[]): Proposal[] {
  const seen = new Set<string>();
  const out: Proposal[] = [];
  for (const { label, re } of compileRules(rules)) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m[0].length === 0) { re.lastIndex++; continue; }
      const key = `${m.index}:${m.index + m[0].length}:${label}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ start: m.index, end: m.index + m[0].length, label });
        if (out.length >= MAX_PROPOSALS) break;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1));
}
