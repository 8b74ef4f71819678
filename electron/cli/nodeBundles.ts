// A node fed and drained by bundles, for a LAN server that never sees the internet (`tagger node import|export`).
// Import reads and checks the bundle with the workstation's own verification (electron/bundles/verify.ts: hashes,
// signatures, trusted signer, hostile archive), then hands the signed work to the node exactly as if it had come
// over HTTP: submissions through the node's verifier and submission rules, reviews through its review rules.
// Export writes a project's accepted work as a bundle signed by the operator's wallet, which workstations import.
import { nativeContentHash } from '../../network/verify/nativeCrypto.ts';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { getAddress } from 'ethers';
import { TaggerError } from '../../shared/errors.ts';
import { mediaEntry } from '../../shared/bundle/manifest.ts';
import type { BundleRecords, BundleReview, BundleSubmission } from '../../shared/bundle/records.ts';
import { problem } from '../../shared/bundle/problems.ts';
import { DEFAULT_LIMITS } from '../../shared/bundle/checks.ts';
import { annotationDocument } from '../../shared/signing/document.ts';
import type { ReviewMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import * as s from '../../shared/api/schemas.ts';
import { refusal, verifyBundle } from '../bundles/verify.ts';
import { writeBundle } from '../bundles/writer.ts';
import type { Collected } from '../bundles/collect.ts';
import type { Signer } from '../wallet/walletService.ts';
import type { NodeStore } from '../../network/store/NodeStore.ts';
import type { AssetFiles } from '../../network/store/assetFiles.ts';
import { VerifierPool } from '../../network/verify/pool.ts';
import { DEFAULT_LIMITS as NODE_LIMITS, type NodeDeps } from '../../network/server/routes.ts';
import { processSubmissions } from '../../network/server/routes/submissions.ts';
import { microToTag, tagToMicro } from '../../shared/microTag.ts';
import { handleReview } from '../../network/review/routes.ts';

export interface NodeBundleContext {
  store: NodeStore;
  assets: AssetFiles;
  domain: TaggerDomain;
  now: () => number;
}

type Rejected = { id: string | null; reason: string };

export interface NodeImportReport {
  projectId: string;
  projectName: string;
  projectCreated: boolean;
  signer: string;
  tasks: { added: number; existing: number };
  media: { added: number; existing: number; missing: number };
  /** Debited from the signer's requester balance for the new tasks (TAG). */
  budget: number;
  submissions: { accepted: number; duplicate: number; rejected: Rejected[] };
  reviews: { accepted: number; duplicate: number; rejected: Rejected[] };
}

/** A lease on the node lasts this long when the project carries no lease time of its own (bundles do not). */
const IMPORTED_LEASE_MS = 7 * 24 * 3600_000;

const sameDomain = (a: TaggerDomain, b: TaggerDomain) =>
  a.name === b.name && a.version === b.version && a.chainId === b.chainId && a.verifyingContract.toLowerCase() === b.verifyingContract.toLowerCase();

export async function importIntoNode(file: string, c: NodeBundleContext): Promise<NodeImportReport> {
  const trusted = new Set((await c.store.trustedKeys()).map((k) => k.address.toLowerCase()));
  // staging beside the asset files, so verified media move into place by rename on the same disk
  const staging = path.join(c.assets.root, 'tmp', `bundle-${crypto.randomBytes(6).toString('hex')}`);
  try {
    const v = await verifyBundle(path.resolve(file), { stagingDir: staging, isTrusted: (a) => trusted.has(a.toLowerCase()), limits: DEFAULT_LIMITS });
    if (v.report.ok && v.records) {
      // work signed for another chain or contract is valid there, not here: the node would pay what it cannot check
      const foreign = [...v.records.submissions.map((x) => x.domain), ...v.records.reviews.flatMap((x) => (x.payload ? [x.payload.domain] : []))].find((d) => !sameDomain(d, c.domain));
      if (foreign) v.report.problems.push(problem('bad_signature', `The bundle's work is signed for chain id ${foreign.chainId} (contract ${foreign.verifyingContract}), and this node runs chain id ${c.domain.chainId} (contract ${c.domain.verifyingContract}). Start the node with --chain-id ${foreign.chainId} to take it in.`));
      v.report.ok = v.report.problems.length === 0;
    }
    if (!v.report.ok || !v.staged || !v.records) throw refusal(v.report);
    const { manifest } = v.staged;
    const records = v.records;
    const signer = v.report.signer!.toLowerCase();

    const media = { added: 0, existing: 0, missing: 0 };
    const stored: { sha256: string; size: number }[] = [];
    const toMove: { sha256: string; file: string }[] = [];
    for (const a of records.assets) {
      const here = c.assets.has(a.id);
      const staged = v.staged.files.get(mediaEntry(a.id));
      if (here !== null) stored.push({ sha256: a.id, size: here });
      else if (staged) toMove.push({ sha256: a.id, file: staged });
      else media.missing++;
    }
    media.existing = stored.length;
    const assetOf = new Map(records.assets.map((a) => [a.id, a]));
    const p = manifest.project;
    const result = await c.store.importProject({
      id: p.id, name: p.name, schema: p.schema, instructions: p.instructions, redundancy: p.policy.redundancy, baseReward: tagToMicro(p.policy.baseReward), leaseMs: IMPORTED_LEASE_MS,
      requester: signer, signature: v.staged.signature.signature,
      tasks: records.tasks.map((t) => {
        const a = assetOf.get(t.assetId)!; // checkRecords made sure every task's asset is in the bundle
        return { id: t.id, sha256: a.id, size: a.size, kind: a.kind, mime: a.mime, name: a.originalName, difficulty: t.difficulty };
      }),
      stored,
      leases: records.submissions.map((x) => ({ taskId: x.taskId, annotator: x.message.annotator })),
    }, c.now());
    // media only once the store took the project (a refusal leaves the node's files as they were); they were
    // hash-checked against the signed manifest, and are marked stored after they are in place
    const moved: { sha256: string; size: number }[] = [];
    for (const m of toMove) {
      const dest = c.assets.pathOf(m.sha256);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(m.file, dest);
      moved.push({ sha256: m.sha256, size: fs.statSync(dest).size });
    }
    await c.store.markAssetsStored(moved);
    media.added = moved.length;

    const pool = await VerifierPool.start(c.domain, 1);
    try {
      const deps: NodeDeps = { name: 'tagger node import', domain: c.domain, store: c.store, assets: c.assets, pool, now: c.now, limits: NODE_LIMITS };
      const submissions = { accepted: 0, duplicate: 0, rejected: [] as Rejected[] };
      const items = records.submissions.map((x) => ({ message: x.message, signature: x.signature, document: x.document, domain: x.domain }));
      for (let i = 0; i < items.length; i += 1000) {
        for (const r of await processSubmissions(deps, items.slice(i, i + 1000))) {
          if (r.status === 'rejected') submissions.rejected.push({ id: r.id, reason: r.reason });
          else submissions[r.status]++;
        }
      }
      const reviews = { accepted: 0, duplicate: 0, rejected: [] as Rejected[] };
      const consensusDocument = consensusDocuments(records);
      for (const x of records.reviews) {
        if (!x.payload || !x.signature) continue; // a local verdict nobody signed pays and proves nothing on a node
        const r = await handleReview(deps, { message: x.payload.message, signature: x.signature, document: consensusDocument(x) });
        if (r.status === 'rejected') reviews.rejected.push({ id: r.id, reason: r.reason });
        else reviews[r.status]++;
      }
      return { projectId: p.id, projectName: p.name, projectCreated: result.projectCreated, signer: getAddress(signer), tasks: { added: result.tasksAdded, existing: result.tasksExisting }, media, budget: microToTag(result.budget), submissions, reviews };
    } finally {
      await pool.close();
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The document an accepting review's consensus hash names: a submitted version, or the reviewer's own objects.
 *  Indexes the records once, so a bundle of many reviews does not scan every submission and object per review. */
function consensusDocuments(records: BundleRecords): (x: BundleReview) => unknown {
  const submitted = new Map<string, unknown>();
  for (const s of records.submissions) {
    const h = s.message.contentHash.toLowerCase();
    if (!submitted.has(h)) submitted.set(h, s.document);
  }
  const objectsOf = new Map<string, BundleRecords['objects']>();
  for (const o of records.objects) {
    const key = `${o.taskId}\u0000${o.annotator.toLowerCase()}`;
    const list = objectsOf.get(key);
    if (list) list.push(o);
    else objectsOf.set(key, [o]);
  }
  return (x) => {
    const want = x.consensusHash?.toLowerCase();
    if (!want || x.verdict !== 'accept') return undefined;
    if (submitted.has(want)) return submitted.get(want);
    const mine = objectsOf.get(`${x.taskId}\u0000${x.reviewer.toLowerCase()}`) ?? [];
    const own = annotationDocument(x.taskId, mine.map((o) => ({ ...o, hidden: false, locked: false })) as never);
    return nativeContentHash(own).toLowerCase() === want ? own : undefined;
  };
}

export interface NodeExportReport { path: string; bytes: number; tasks: number; assets: number; objects: number; submissions: number; reviews: number; withMedia: boolean; signer: string }

/** Writes a project's accepted work (tasks, their assets, signed submissions and reviews) as a signed bundle. */
export async function exportFromNode(c: NodeBundleContext, opts: { projectId: string; out: string; withMedia: boolean; signer: Signer; app: string }): Promise<NodeExportReport> {
  const x = await c.store.projectForExport(opts.projectId);
  if (!x) throw new TaggerError('not_found', `This node has no project ${opts.projectId}. Project ids are in the node's answers (GET /v1/leases) and in \`tagger node-publish\`'s output.`);
  const work = await c.store.acceptedWork({ projectId: opts.projectId, withDocuments: true });
  const p = x.project;
  const seen = new Set<string>();
  const assets: BundleRecords['assets'] = [];
  for (const t of x.tasks) {
    if (seen.has(t.sha256)) continue;
    seen.add(t.sha256);
    assets.push({ id: t.sha256, kind: t.kind, mime: t.mime, originalName: t.name, size: Number(t.size ?? 0), width: null, height: null, durationMs: null, meta: {} });
  }
  const submissions: BundleSubmission[] = [];
  const objects: BundleRecords['objects'] = [];
  for (const w of work) {
    const document = JSON.parse(w.document!) as { taskId: string; objects: { id: string; kind: string; label: string; geometry: unknown; attributes: Record<string, unknown>; origin: string }[] };
    const annotator = getAddress(w.annotator);
    submissions.push({
      id: w.id, taskId: w.taskId, signature: w.signature, document, state: 'accepted', createdAt: Number(w.createdAt), domain: c.domain,
      message: { taskId: w.taskId, projectId: w.projectId, contentHash: w.contentHash, annotator, nonce: w.nonce, createdAt: w.createdAt },
    });
    // each annotator's accepted version as objects, so review mode on the workstation shows it side by side
    document.objects.forEach((o, z) => objects.push({ ...o, taskId: w.taskId, annotator, z } as BundleRecords['objects'][number]));
  }
  const reviews: BundleReview[] = (await c.store.acceptedReviews({ projectId: opts.projectId })).map((r) => {
    const message: ReviewMessage = { ...r.message, reviewer: getAddress(r.message.reviewer) };
    return { id: r.id, taskId: message.taskId, reviewer: message.reviewer, verdict: message.verdict, comment: '', submissionIds: message.submissionIds, consensusHash: message.consensusHash, reason: '', payload: { message: message as unknown as Record<string, never>, domain: c.domain }, signature: r.signature, createdAt: Number(message.createdAt) };
  });
  const collected: Collected = {
    project: { id: p.id, name: p.name, schema: labelSchemaOf(p.schema), instructions: p.instructions, policy: { redundancy: p.redundancy, baseReward: microToTag(p.baseReward) } },
    records: {
      assets,
      tasks: x.tasks.map((t, i) => ({ id: t.id, assetId: t.sha256, status: t.accepted >= p.redundancy ? 'done' : 'todo', difficulty: t.difficulty, assignee: null, position: i })),
      objects, submissions, reviews, versions: [],
    },
  };
  const r = await writeBundle(collected, { out: opts.out, withMedia: opts.withMedia, signer: opts.signer, media: c.assets, app: opts.app, now: c.now() });
  return { path: r.path, bytes: r.bytes, ...r.manifest.counts, withMedia: opts.withMedia, signer: opts.signer.address };
}

/** A node project's schema as a workstation reads it (a node accepts any JSON; one it cannot read exports as none). */
function labelSchemaOf(json: string): Collected['project']['schema'] {
  const parsed = s.labelSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : {};
}
