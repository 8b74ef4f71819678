// Money as integers: every TAG amount the node keeps (balances, budgets, rewards, stakes) is a whole number of
// micro-TAG (1 TAG = 1,000,000). The published reward rules already settle each reward to a millionth of a TAG on
// chain (shared/chain/rules.ts), so the ledger's unit is the chain's precision. Amounts are capped at a billion TAG
// (10^15 micro-TAG, below 2^53): every amount is an exact JavaScript integer, and its TAG number in JSON (six
// decimals) converts back exactly. Rewards are computed in integers and rounded DOWN
// to a whole micro-TAG, so no rounding can ever pay more than the budget that reserved each slot.

export const MICRO_PER_TAG = 1_000_000;
/** The largest amount the node keeps anywhere (a billion TAG). */
export const MAX_MICRO_TAG = 1_000_000_000 * MICRO_PER_TAG;

export class AmountError extends Error {}

/** Whether `v` is a whole, non-negative number of micro-TAG the node can keep exactly. */
export function isMicroTag(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_MICRO_TAG;
}

/** "2.5" → 2500000. Decimal TAG strings (signed manifests, the CLI) are read exactly, never through a float. */
export function parseTag(text: string): number {
  const m = /^\s*(\d{1,40})(?:\.(\d+))?\s*$/.exec(text);
  if (!m) throw new AmountError(`"${text.slice(0, 40)}" is not a TAG amount; write a decimal such as 2.5`);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > 6) throw new AmountError(`${text.trim()} TAG has more than 6 decimals; amounts are kept in whole micro-TAG (0.000001 TAG)`);
  const whole = m[1].replace(/^0+(?=\d)/, '');
  const micro = whole.length > 10 ? Infinity : Number(whole) * MICRO_PER_TAG + Number(frac.padEnd(6, '0') || '0');
  if (micro > MAX_MICRO_TAG) throw new AmountError(`${text.trim()} TAG is more than this node handles (at most ${MAX_MICRO_TAG / MICRO_PER_TAG} TAG)`);
  return micro;
}

/** 1777778 → "1.777778" (exact; no trailing zeros). */
export function formatTag(micro: number): string {
  const sign = micro < 0 ? '-' : '';
  const a = Math.abs(micro);
  const whole = Math.floor(a / MICRO_PER_TAG);
  const frac = String(a % MICRO_PER_TAG).padStart(6, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/**
 * micro-TAG → a TAG number for JSON. The API carries TAG as numbers with at most six decimals: JSON prints the
 * shortest round-trip form (1777778 → 1.777778), and Math.round(x × 10^6) gives the exact integer back (tagToMicro).
 */
export function microToTag(micro: number): number {
  return Number(formatTag(micro));
}

/** A TAG number with at most six decimals (what the API answers) → micro-TAG, exactly. */
export function tagToMicro(tag: number): number {
  if (!Number.isFinite(tag) || tag < 0) throw new AmountError(`a TAG amount must be a non-negative number, not ${tag}`);
  const micro = Math.round(tag * MICRO_PER_TAG);
  if (micro > MAX_MICRO_TAG) throw new AmountError(`${tag} TAG is more than this node handles`);
  return micro;
}

/** A factor (difficulty, quality, share) in millionths: the rules use factors to six decimals. */
export function ppm(factor: number): bigint {
  if (!Number.isFinite(factor) || factor < 0) throw new AmountError(`a reward factor must be a non-negative number, not ${factor}`);
  return BigInt(Math.round(factor * 1e6));
}

const E12 = 1_000_000_000_000n;

/**
 * The reward of one submission in micro-TAG: base × difficulty × quality, with difficulty and quality to six
 * decimals, computed in integers and rounded down. Never more than the same task's reward at quality 1, which is
 * what the budget reserves for each slot.
 */
export function rewardMicro(baseMicro: number, difficulty: number, quality = 1): number {
  return Number((BigInt(baseMicro) * ppm(difficulty) * ppm(quality)) / E12);
}

/** `fraction` of an amount, rounded down (a validator's share, a slash). */
export function shareMicro(micro: number, fraction: number): number {
  return Number((BigInt(micro) * ppm(fraction)) / 1_000_000n);
}

/** The least budget that pays every slot: redundancy × Σ(base × difficulty), each term as rewardMicro rounds it. */
export function requiredBudgetMicro(redundancy: number, baseMicro: number, assets: readonly { difficulty: number }[]): number {
  let sum = 0n;
  for (const a of assets) sum += BigInt(rewardMicro(baseMicro, a.difficulty));
  const total = sum * BigInt(redundancy);
  if (total > BigInt(MAX_MICRO_TAG)) throw new AmountError(`the project would need ${formatTag(Number(total / 1_000_000n))} TAG or more, more than this node handles (at most ${MAX_MICRO_TAG / MICRO_PER_TAG} TAG)`);
  return Number(total);
}

/** micro-TAG → the token's 18-decimal base units on chain. */
export function microToChainUnits(micro: number): bigint {
  return BigInt(micro) * E12;
}
