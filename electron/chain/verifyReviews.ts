// Checks the reviews a verifiable export carries for one label: each is a Review signed by its validator (EIP-712),
// names this label, sets the quality the label's reward uses (recomputed here from the label's document and the
// consensus the validator signed, with the node's own agreement rules), pays the validator no more than the
// published share, and is a leaf of its epoch's anchor root.
import { verifyTypedData } from 'ethers';
import { REVIEW_TYPES, ZERO_HASH, type ReviewMessage, type TaggerDomain } from '../../shared/signing/typedData.ts';
import { reviewDigest, reviewMessageProblem } from '../../shared/signing/reviewDigest.ts';
import { contentHash } from '../../shared/signing/document.ts';
import { validatorReward } from '../../shared/agreement/reputation.ts';
import type { ObjectLike } from '../../shared/agreement/objects.ts';
import { tagToUnits, unitsToTag, type RewardRules } from '../../shared/chain/rules.ts';
import type { MerkleKit } from '../../shared/chain/merkle.ts';
import type { ExportLabel, ExportReview, VerifiableExport } from '../../shared/chain/verifiableExport.ts';
import { qualityOf } from '../../shared/agreement/reviewQuality.ts';

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
  ctx: { domain: TaggerDomain; rules: RewardRules; kit: MerkleKit; epochs: Map<number, VerifiableExport['epochs'][number]>; chain: boolean },
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

function verifyReview(
  ctx: { domain: TaggerDomain; kit: MerkleKit; epochs: Map<number, VerifiableExport['epochs'][number]>; chain: boolean },
  l: ExportLabel,
  r: ExportReview,
  problems: string[],
): ReviewFinding {
  const m = r.message as ReviewMessage;
  const say = (p: string) => problems.push(`review ${short(r.id)}: ${p}`);
  const finding: ReviewFinding = { reviewer: null, verdict: m.verdict, quality: r.quality, epoch: r.anchor?.epoch ?? null };
  const shape = reviewMessageProblem(m);
  if (shape) {
    say(`its message is malformed: ${shape}`);
    return finding;
  }
  let signer: string | null = null;
  try {
    signer = verifyTypedData(ctx.domain, { Review: [...REVIEW_TYPES.Review] }, m, r.signature);
  } catch {
    signer = null;
  }
  if (!signer) say('its signature does not recover');
  else if (signer.toLowerCase() !== m.reviewer.toLowerCase()) say(`it was signed by ${signer.toLowerCase()}, not by the reviewer it names (${m.reviewer.toLowerCase()})`);
  else finding.reviewer = signer.toLowerCase();
  if (reviewDigest(ctx.domain, m) !== r.id.toLowerCase()) say(`its id is not the hash of its signed message (${reviewDigest(ctx.domain, m)})`);
  if (!m.submissionIds.includes(l.id.toLowerCase())) say('it does not name this label among the submissions it reviews');
  if (m.taskId !== l.message.taskId) say(`it reviews task ${m.taskId}, not this label's task ${l.message.taskId}`);
  let quality = 0;
  if (m.verdict === 'accept') {
    if (!r.document) say('it accepts a consensus document the export does not carry');
    else if (contentHash(r.document).toLowerCase() !== m.consensusHash.toLowerCase()) say('the consensus document is not the one the validator signed (its content hash differs)');
    else quality = Math.round(qualityOf('accept', objectsOf(l.document), objectsOf(r.document)) * 1e6) / 1e6;
  } else if (m.consensusHash.toLowerCase() !== ZERO_HASH) say(`a ${m.verdict} must carry the zero consensus hash`);
  if (quality !== r.quality) say(`it sets quality ${r.quality}, but the label's agreement with the signed consensus gives ${quality}`);
  const most = validatorReward(l.reward.baseReward, l.reward.difficulty);
  if (r.validatorReward > most) say(`it pays the validator ${r.validatorReward} TAG, more than the published share ${most} TAG`);
  if (tagToUnits(r.validatorReward).toString() !== r.units) say(`its reward ${unitsToTag(BigInt(r.units))} TAG is not the ${r.validatorReward} TAG it states`);
  if (r.anchor) {
    const e = ctx.epochs.get(r.anchor.epoch);
    if (!e) say(`it names epoch ${r.anchor.epoch}, which the export does not list`);
    else if (!ctx.kit.verify(e.anchorRoot, ctx.kit.anchorLeafHash([r.id, m.reviewer, BigInt(r.units)]), r.anchor.proof)) {
      say(`its id, reviewer and reward are not in epoch ${r.anchor.epoch}'s anchor root (the Merkle proof fails)`);
    }
  } else if (ctx.chain) say('it is not in any posted epoch yet (the node anchors reviews when it closes the next epoch)');
  return finding;
}
