// Checks the reviews a verifiable export carries for one label: each is a Review signed by its validator (EIP-712),
// names this label, sets the quality the label's reward uses (recomputed here from the label's document and the
// consensus the validator signed, with the node's own agreement rules), pays the validator no more than the
// published share, and is a leaf of its epoch's anchor root.
import { ZERO_HASH, type ReviewMessage, type TaggerDomain } from '../../shared/signing/typedData.ts';
import { reviewMessageProblem } from '../../shared/signing/reviewDigest.ts';
import { createReviewHasher } from '../../shared/signing/reviewHasher.ts';
import { validatorReward } from '../../shared/agreement/reputation.ts';
import type { ObjectLike } from '../../shared/agreement/objects.ts';
import { tagToUnits, unitsToTag, type RewardRules } from '../../shared/chain/rules.ts';
import { formatTag, tagToMicro } from '../../shared/microTag.ts';
import type { MerkleKit } from '../../shared/chain/merkle.ts';
import type { ExportLabel, ExportReview, VerifiableExport } from '../../shared/chain/verifiableExport.ts';
import { qualityOf } from '../../shared/agreement/reviewQuality.ts';
import { checkSignedBy, keccak256Native, nativeContentHash } from '../../network/verify/nativeCrypto.ts';

const reviewHasher = createReviewHasher(keccak256Native);

const short = (h: string) => `${h.slice(0, 10)}…`;
const objectsOf = (doc: unknown): ObjectLike[] => {
  const o = (doc as { objects?: unknown } | null)?.objects;
  return Array.isArray(o) ? (o as ObjectLike[]) : [];
};

export interface ReviewFinding {
  /** "0xabc… accept by 0x…" for the report; the signer only when the signature checks out. */
  reviewer: string | null;
  verdict: string;
  quality: number;
  epoch: number | null;
}

/** Checks the label's reviews; pushes each problem (naming the review) and returns what each review says. */
export function verifyReviews(
  ctx: { domain: TaggerDomain; rules: RewardRules; kit: MerkleKit; epochs: Map<number, VerifiableExport['epochs'][number]>; chain: boolean; cache: ReviewCache },
  l: ExportLabel,
  problems: string[],
): ReviewFinding[] {
  const out = l.reviews.map((r) => verifyReview(ctx, l, r, problems));
  const last = l.reviews[l.reviews.length - 1];
  const expected = last ? last.quality : ctx.rules.defaultQuality;
  if (l.reward.quality !== expected) {
    problems.push(last
      ? `its reward uses quality ${l.reward.quality}, but its last review (${short(last.id)}) set ${expected}`
      : `its reward uses quality ${l.reward.quality}, but it was never reviewed, so the rules give ${expected}`);
  }
  return out;
}

/** Checks of a review that do not depend on the label (a review of N labels appears under each): done once. */
interface ReviewOnce { signer: string | null; problems: string[]; consensus: ObjectLike[] | null }

export type ReviewCache = Map<string, ReviewOnce>;

function checkOnce(
  ctx: { domain: TaggerDomain; kit: MerkleKit; epochs: Map<number, VerifiableExport['epochs'][number]>; chain: boolean },
  l: ExportLabel,
  r: ExportReview,
): ReviewOnce {
  const m = r.message as ReviewMessage;
  const problems: string[] = [];
  const once: ReviewOnce = { signer: null, problems, consensus: null };
  const shape = reviewMessageProblem(m);
  if (shape) {
    problems.push(`its message is malformed: ${shape}`);
    return once;
  }
  const digest = `0x${Buffer.from(reviewHasher.digest(ctx.domain, m)).toString('hex')}`;
  if (digest !== r.id.toLowerCase()) problems.push(`its id is not the hash of its signed message (${digest})`);
  const who = checkSignedBy(Buffer.from(digest.slice(2), 'hex'), r.signature, m.reviewer.toLowerCase());
  if (who.ok) once.signer = m.reviewer.toLowerCase();
  else problems.push(who.address ? `it was signed by ${who.address.toLowerCase()}, not by the reviewer it names (${m.reviewer.toLowerCase()})` : `its signature does not hold: ${who.error ?? 'it does not recover'}`);
  if (m.verdict === 'accept') {
    if (!r.document) problems.push('it accepts a consensus document the export does not carry');
    else if (nativeContentHash(r.document).toLowerCase() !== m.consensusHash.toLowerCase()) problems.push('the consensus document is not the one the validator signed (its content hash differs)');
    else once.consensus = objectsOf(r.document);
  } else if (m.consensusHash.toLowerCase() !== ZERO_HASH) problems.push(`a ${m.verdict} must carry the zero consensus hash`);
  const most = validatorReward(tagToMicro(l.reward.baseReward), l.reward.difficulty);
  if (tagToMicro(r.validatorReward) > most) problems.push(`it pays the validator ${r.validatorReward} TAG, more than the published share ${formatTag(most)} TAG`);
  if (tagToUnits(r.validatorReward).toString() !== r.units) problems.push(`its reward ${unitsToTag(BigInt(r.units))} TAG is not the ${r.validatorReward} TAG it states`);
  if (r.anchor) {
    const e = ctx.epochs.get(r.anchor.epoch);
    if (!e) problems.push(`it names epoch ${r.anchor.epoch}, which the export does not list`);
    else if (!ctx.kit.verify(e.anchorRoot, ctx.kit.anchorLeafHash([r.id, m.reviewer, BigInt(r.units)]), r.anchor.proof)) {
      problems.push(`its id, reviewer and reward are not in epoch ${r.anchor.epoch}'s anchor root (the Merkle proof fails)`);
    }
  } else if (ctx.chain) problems.push('it is not in any posted epoch yet (the node anchors reviews when it closes the next epoch)');
  return once;
}

function verifyReview(
  ctx: { domain: TaggerDomain; kit: MerkleKit; epochs: Map<number, VerifiableExport['epochs'][number]>; chain: boolean; cache: ReviewCache },
  l: ExportLabel,
  r: ExportReview,
  problems: string[],
): ReviewFinding {
  const m = r.message as ReviewMessage;
  // the cache is keyed by everything the once-checks read, so a review entry altered under one label is checked anew
  const key = `${JSON.stringify({ ...r, quality: 0 })}|${l.reward.baseReward}|${l.reward.difficulty}`;
  let once = ctx.cache.get(key);
  if (!once) ctx.cache.set(key, (once = checkOnce(ctx, l, r)));
  const say = (p: string) => problems.push(`review ${short(r.id)}: ${p}`);
  once.problems.forEach(say);
  const finding: ReviewFinding = { reviewer: once.signer, verdict: m.verdict, quality: r.quality, epoch: r.anchor?.epoch ?? null };
  if (!Array.isArray(m.submissionIds) || !m.submissionIds.includes(l.id.toLowerCase())) say('it does not name this label among the submissions it reviews');
  if (m.taskId !== l.message.taskId) say(`it reviews task ${m.taskId}, not this label's task ${l.message.taskId}`);
  const quality = once.consensus ? Math.round(qualityOf('accept', objectsOf(l.document), once.consensus) * 1e6) / 1e6 : 0;
  if (quality !== r.quality) say(`it sets quality ${r.quality}, but the label's agreement with the signed consensus gives ${quality}`);
  return finding;
}
