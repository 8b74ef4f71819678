// The project's dictionary / pattern pre-tagger: terms and regular expressions per label propose spans that are
// stored as machine-made (origin 'model') until a person accepts them. A project pulled from any node carries its
// own patterns, so they run on RE2 (re2js, a pure-JS port: linear time in the text, whatever the pattern; no
// lookaround or backreferences). Terms are escaped literals we assemble ourselves and stay on the native engine.
import { RE2JS } from 're2js';
import type { PretaggerRule } from '../domain.ts';
import { TaggerError } from '../errors.ts';

export interface Proposal { start: number; end: number; label: string }

const ESC = /[.*+?^${}()|[\]\\/-]/g;
const MAX_PROPOSALS = 100_000;

/** Finds successive matches in a text: start and end in UTF-16 code units, or null when there are no more. */
interface Finder {
  label: string;
  each(text: string, found: (start: number, end: number) => boolean): void;
}

function nativeFinder(label: string, re: RegExp): Finder {
  return {
    label,
    each(text, found) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        if (!found(m.index, m.index + m[0].length)) return;
      }
    },
  };
}

function re2Finder(label: string, re: RE2JS): Finder {
  return {
    label,
    each(text, found) {
      const m = re.matcher(text);
      while (m.find()) if (m.end() > m.start() && !found(m.start(), m.end())) return;
    },
  };
}

/** Compiles the rules once; a bad pattern is reported with the rule's label and position. */
export function compileRules(rules: readonly PretaggerRule[]): Finder[] {
  const out: Finder[] = [];
  rules.forEach((r, i) => {
    const flags = r.caseSensitive ? 'gu' : 'giu';
    const terms = (r.terms ?? []).map((t) => t.trim()).filter(Boolean).sort((a, b) => b.length - a.length);
    if (terms.length) {
      // Whole words only: no letter, digit or mark may touch the term on either side (works for any script).
      const body = terms.map((t) => t.replace(ESC, '\\$&')).join('|');
      out.push(nativeFinder(r.label, new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])(?:${body})(?![\\p{L}\\p{N}\\p{M}_])`, flags)));
    }
    (r.patterns ?? []).forEach((p, j) => {
      try {
        out.push(re2Finder(r.label, RE2JS.compile(p, r.caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE)));
      } catch (e) {
        throw new TaggerError('invalid_argument', `Pre-tagger rule ${i + 1} (label "${r.label}"), pattern ${j + 1} is not a valid RE2 regular expression (${(e as Error).message}); lookaround and backreferences are not supported.`, { rule: i, pattern: j });
      }
    });
  });
  return out;
}

/** Proposals for text, in document order, without duplicates (same start, end and label). */
export function pretag(text: string, rules: readonly PretaggerRule[]): Proposal[] {
  const seen = new Set<string>();
  const out: Proposal[] = [];
  for (const finder of compileRules(rules)) {
    const { label } = finder;
    finder.each(text, (start, end) => {
      const key = `${start}:${end}:${label}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ start, end, label });
      }
      return out.length < MAX_PROPOSALS;
    });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1));
}
