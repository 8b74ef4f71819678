// Formats without speakers (SRT, Audacity labels) keep the tier as a "[Speaker A] " prefix on the text of a
// segment that is on a tier. Reading, only names the project knows are taken as tiers, so a transcript
// that starts with "[laughs]" stays a transcript.
import { normName as norm } from './model.ts';

/** A segment on a tier says so ("[Speaker A] Hello"); one on no tier (a file that had no speakers) does not, so
 *  no speaker is ever invented. */
export function withTierPrefix(text: string, tier: string): string {
  return tier ? `[${tier}] ${text}` : text;
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
