// Formats without speakers (SRT, Audacity labels) keep the tier as a "[Speaker A] " prefix on the text when a
// document has more than one tier. Reading, only names the project knows are taken as tiers, so a transcript
// that starts with "[laughs]" stays a transcript.
import { normName as norm, type IntervalDoc } from './model.ts';

/** Whether a document has more than one tier, so texts need the prefix to keep them apart. */
export function severalTiers(doc: IntervalDoc): boolean {
  return doc.tiers.length > 1 || new Set(doc.intervals.map((i) => i.tier)).size > 1;
}

export function withTierPrefix(text: string, tier: string, multi: boolean): string {
  return multi && tier ? `[${tier}] ${text}` : text;
}

export function splitTierPrefix(text: string, knownTiers: string[]): { tier: string; text: string } {
  const m = /^\[([^\]\n]+)\] ?/.exec(text);
  if (m) {
    const want = norm(m[1]);
    const tier = knownTiers.find((t) => norm(t) === want);
    if (tier !== undefined) return { tier, text: text.slice(m[0].length) };
  }
  return { tier: '', text };
}
