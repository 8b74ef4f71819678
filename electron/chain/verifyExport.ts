// Checks a verifiable export (shared/chain/verifiableExport.ts) label by label: who made it (EIP-712 signature
// over the message, content hash of the document), who reviewed it, that its id and reward are a leaf of its
// epoch's anchor root (Merkle proof), and that the reward follows the published rules. The anchor roots come from
// the export itself unless on-chain roots are given (`tagger verify --rpc`); the report says which.
import { verifyItem } from '../../network/verify/verifyItems.ts';
import { keccak256Native } from '../../network/verify/nativeCrypto.ts';
import { createMerkleKit } from '../../shared/chain/merkle.ts';
import { projectKey, rewardUnits, rulesHash, unitsToTag } from '../../shared/chain/rules.ts';
import { verifiableExport, type ExportLabel, type VerifiableExport } from '../../shared/chain/verifiableExport.ts';
import type { TaggerDomain } from '../../shared/signing/typedData.ts';
import { verifyReviews, type ReviewCache, type ReviewFinding } from './verifyReviews.ts';

const kit = createMerkleKit(keccak256Native);

export interface LabelReport {
  id: string;
  taskId: string;
  ok: boolean;
  /** Lowercase address that signed, when the signature checks out. */
  signer: string | null;
  reviews: ReviewFinding[];
  epoch: number | null;
  reward: string;
  problems: string[];
}

export interface OnChainAnchor { root: string; rulesHash: string }

export interface VerifyReport {
  ok: boolean;
  labels: LabelReport[];
  epochs: number[];
  /** Epochs whose root was compared with the chain; empty offline. */
  checkedOnChain: number[];
  problems: string[];
}

/** Parses and shape-checks an export; throws with the first bad field named. */
export function parseExport(text: string, file: string): VerifiableExport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`);
  }
  const r = verifiableExport.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${file} is not a Tagger verifiable export: ${i.path.join('.') || 'the file'}: ${i.message} (export one with GET /v1/chain/export?project=ID on the node)`);
  }
  return r.data;
}

export function verifyExport(exp: VerifiableExport, onChain: Map<number, OnChainAnchor> | null): VerifyReport {
  const problems: string[] = [];
  const rulesH = rulesHash(exp.rules);
  if (exp.project.key !== projectKey(exp.project.id)) problems.push(`the project key ${exp.project.key} is not keccak256 of the project id ${exp.project.id}`);
  const epochs = new Map(exp.epochs.map((e) => [e.epoch, e]));
  for (const e of exp.epochs) {
    if (e.rulesHash !== rulesH) problems.push(`epoch ${e.epoch} was anchored with rules ${e.rulesHash}, but the export's rules hash to ${rulesH}`);
    const c = onChain?.get(e.epoch);
    if (onChain && !c) problems.push(`epoch ${e.epoch} is not anchored on chain`);
    else if (c && c.root.toLowerCase() !== e.anchorRoot.toLowerCase()) problems.push(`epoch ${e.epoch}: the export's anchor root ${e.anchorRoot} is not the one on chain (${c.root})`);
    else if (c && c.rulesHash.toLowerCase() !== e.rulesHash.toLowerCase()) problems.push(`epoch ${e.epoch}: the rules hash on chain is ${c.rulesHash}, not ${e.rulesHash}`);
  }
  const domain = exp.domain as TaggerDomain;
  const cache: ReviewCache = new Map();
  const labels = exp.labels.map((l) => verifyLabel(exp, domain, l, epochs, cache));
  return { ok: !problems.length && labels.every((l) => l.ok), labels, epochs: [...epochs.keys()], checkedOnChain: onChain ? [...onChain.keys()].filter((k) => epochs.has(k)) : [], problems };
}

function verifyLabel(exp: VerifiableExport, domain: TaggerDomain, l: ExportLabel, epochs: Map<number, VerifiableExport['epochs'][number]>, cache: ReviewCache): LabelReport {
  const problems: string[] = [];
  let signer: string | null = null;
  const v = verifyItem(domain, { message: l.message, signature: l.signature, document: l.document });
  if (!v.ok) problems.push(v.reason);
  else {
    signer = v.signer;
    if (v.id !== l.id.toLowerCase()) problems.push(`its id ${l.id} is not the hash of its signed message (${v.id})`);
  }
  if (l.message.projectId !== exp.project.id) problems.push(`it belongs to project ${l.message.projectId}, not ${exp.project.id}`);
  let units: bigint | null = null;
  try {
    units = rewardUnits(exp.rules, l.reward);
  } catch (e) {
    problems.push(`its reward inputs are unusable: ${(e as Error).message}`);
  }
  if (units !== null && units.toString() !== l.reward.units) {
    problems.push(`its reward ${unitsToTag(BigInt(l.reward.units))} TAG does not follow the rules: ${l.reward.baseReward} × ${l.reward.difficulty} × ${l.reward.quality} = ${unitsToTag(units)} TAG`);
  }
  if (l.anchor) {
    const e = epochs.get(l.anchor.epoch);
    if (!e) problems.push(`it names epoch ${l.anchor.epoch}, which the export does not list`);
    else if (!kit.verify(e.anchorRoot, kit.anchorLeafHash([l.id, l.message.annotator, BigInt(l.reward.units)]), l.anchor.proof)) {
      problems.push(`its id, annotator and reward are not in epoch ${l.anchor.epoch}'s anchor root (the Merkle proof fails): the label, its reward or its proof was changed`);
    }
  } else if (exp.chain) problems.push('it is not in any posted epoch yet (the node anchors accepted work when it closes the next epoch)');
  const reviews = verifyReviews({ domain, rules: exp.rules, kit, epochs, chain: exp.chain !== null, cache }, l, problems);
  return {
    id: l.id,
    taskId: l.message.taskId,
    ok: !problems.length,
    signer,
    reviews,
    epoch: l.anchor?.epoch ?? null,
    reward: unitsToTag(BigInt(l.reward.units)),
    problems,
  };
}
