// The node's chain endpoints: settlement status, each wallet's claims (cumulative totals and proofs of the latest
// posted epoch) and a project's verifiable export. Mounted on the node's router whether or not a chain is
// configured: without one, the export still carries signatures and rewards, just no anchors.
import type { Router } from '../server/http.ts';
import { HttpError, sendJson } from '../server/http.ts';
import type { NodeStore } from '../store/NodeStore.ts';
import type { TaggerDomain } from '../../shared/signing/typedData.ts';
import { CURRENT_REWARD_RULES, projectKey, rewardUnits } from '../../shared/chain/rules.ts';
import { microToChainUnits, microToTag } from '../../shared/microTag.ts';
import { rewardInputs } from './epochs.ts';
import { EXPORT_FORMAT, type ExportReview, type VerifiableExport } from '../../shared/chain/verifiableExport.ts';
import type { Settlement } from './settlement.ts';

export function mountChainRoutes(router: Router, deps: { name: string; domain: TaggerDomain; store: NodeStore; settlement: Settlement | null; now: () => number }): void {
  const { settlement } = deps;

  router.on('GET', /^\/v1\/chain$/, (_q, res) => {
    if (!settlement) return sendJson(res, 200, { enabled: false, rules: CURRENT_REWARD_RULES });
    sendJson(res, 200, {
      enabled: true,
      /** Where workstations send claims (the node's own RPC; a public one when --public-rpc names it). */
      rpc: settlement.operator.cfg.publicRpc ?? settlement.operator.cfg.rpc,
      contracts: settlement.operator.addresses,
      operator: settlement.operator.address,
      rules: settlement.rules,
      ...settlement.status(),
      epochs: settlement.state.summaries(20),
    });
  });

  router.on('GET', /^\/v1\/chain\/claims\/([^/]+)$/, async (_q, res, [address]) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new HttpError(400, 'invalid_request', `"${decodeURIComponent(address).slice(0, 80)}" is not an address (0x followed by 40 hex digits)`);
    if (!settlement) throw new HttpError(404, 'no_chain', 'this node runs without a chain: rewards stay in its ledger (GET /v1/rewards/ADDRESS)');
    const posted = settlement.state.latestPosted();
    if (!posted) return sendJson(res, 200, { address, epoch: 0, root: null, contracts: settlement.operator.addresses, claims: [] });
    const keys = new Map<string, string>();
    for (const c of settlement.state.cumulative(address)) keys.set(projectKey(c.projectId), c.projectId);
    // proofs come from the epoch thread, which keeps the posted tree loaded
    const claims = (await settlement.builder.claims(posted.epoch, address)).map((c) => ({ projectId: keys.get(c.projectKey) ?? null, ...c }));
    sendJson(res, 200, { address, epoch: posted.epoch, root: posted.rewardRoot, contracts: settlement.operator.addresses, claims });
  });

  router.on('GET', /^\/v1\/chain\/slashes\/([^/]+)$/, (_q, res, [address]) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new HttpError(400, 'invalid_request', `"${decodeURIComponent(address).slice(0, 80)}" is not an address (0x followed by 40 hex digits)`);
    if (!settlement) throw new HttpError(404, 'no_chain', 'this node runs without a chain: stake stays in its ledger (GET /v1/reputation/ADDRESS)');
    // each slash names the anchored rejection it rests on; the signed review is in the project's export
    sendJson(res, 200, { address, slashes: settlement.state.slashes(address).map((s) => ({ reviewId: s.reviewId, epoch: s.epoch, amount: s.amount, tx: s.tx, at: s.doneAt })) });
  });

  router.on('GET', /^\/v1\/chain\/export$/, async (_q, res, _p, url) => {
    const projectId = url.searchParams.get('project') ?? '';
    if (!projectId || projectId.length > 128) throw new HttpError(400, 'invalid_request', 'name the project: GET /v1/chain/export?project=PROJECT_ID');
    const work = await deps.store.acceptedWork({ projectId, withDocuments: true });
    if (!work.length) throw new HttpError(404, 'not_found', `this node has no accepted work for project ${projectId}`);
    const reviews = await deps.store.acceptedReviews({ projectId });
    const posted = settlement?.state.latestPosted()?.epoch ?? 0;
    const where = settlement ? settlement.state.anchoredAt([...work.map((w) => w.id), ...reviews.map((r) => r.id)]) : new Map();
    const rules = settlement?.rules ?? CURRENT_REWARD_RULES;
    const epochs = new Map<number, VerifiableExport['epochs'][number]>();
    const proofs = new Map<string, string[]>();
    const byEpoch = new Map<number, { id: string; leafIndex: number }[]>();
    for (const [id, at] of where) {
      if (at.epoch > posted) continue;
      const list = byEpoch.get(at.epoch) ?? [];
      list.push({ id, leafIndex: at.leafIndex });
      byEpoch.set(at.epoch, list);
    }
    for (const [epoch, list] of byEpoch) {
      const e = settlement!.state.epoch(epoch, false)!;
      epochs.set(epoch, { epoch: e.epoch, anchorRoot: e.anchorRoot, rulesHash: e.rulesHash, anchorCount: e.anchorCount, anchorTx: e.anchorTx });
      const got = await settlement!.builder.anchorProofs(epoch, list.map((x) => x.leafIndex));
      list.forEach((x, i) => proofs.set(x.id, got[i].proof));
    }
    const anchorOf = (id: string) => {
      const at = where.get(id);
      return at && proofs.has(id) ? { epoch: at.epoch, proof: proofs.get(id)! } : null;
    };
    const reviewsOf = new Map<string, ExportReview[]>();
    for (const r of reviews) {
      const entry = { id: r.id, message: r.message, signature: r.signature, document: r.document ? JSON.parse(r.document) : null, validatorReward: microToTag(r.validatorReward), units: microToChainUnits(r.validatorReward).toString(), anchor: anchorOf(r.id) };
      for (const q of r.qualities) {
        const list = reviewsOf.get(q.submissionId.toLowerCase()) ?? [];
        list.push({ ...entry, quality: q.quality });
        reviewsOf.set(q.submissionId.toLowerCase(), list);
      }
    }
    const labels = work.map((w) => ({
      id: w.id,
      message: { taskId: w.taskId, projectId: w.projectId, contentHash: w.contentHash, annotator: w.annotator, nonce: w.nonce, createdAt: w.createdAt },
      signature: w.signature,
      document: JSON.parse(w.document!),
      reward: { ...rewardInputs(w), units: rewardUnits(rules, rewardInputs(w)).toString() },
      anchor: anchorOf(w.id),
      reviews: reviewsOf.get(w.id.toLowerCase()) ?? [],
    }));
    const out: VerifiableExport = {
      format: EXPORT_FORMAT,
      version: 1,
      node: deps.name,
      exportedAt: deps.now(),
      domain: { ...deps.domain, name: 'Tagger' },
      project: { id: projectId, key: projectKey(projectId) },
      rules,
      chain: settlement?.operator.addresses ?? null,
      epochs: [...epochs.values()].sort((a, b) => a.epoch - b.epoch),
      labels,
    };
    sendJson(res, 200, out);
  });
}
