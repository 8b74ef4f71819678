// Builds signed submissions and lease requests the way a workstation does (ethers wallet, shared digests), for
// tests and the bench.
import { Wallet, type SigningKey } from 'ethers';
import { annotationDocument, contentHash, type AnnotationDocument } from '../../shared/signing/document.ts';
import { submissionDigest } from '../../shared/signing/submissionDigest.ts';
import { DEFAULT_DOMAIN, type LeaseMessage, type SubmissionMessage, type TaggerDomain } from '../../shared/signing/typedData.ts';
import { leaseDigest, randomNonce } from '../../shared/signing/requests.ts';
import { walletSigner } from '../publish.ts';

/** Any ethers wallet (Wallet or HDNodeWallet). */
export interface SignerKey { address: string; signingKey: SigningKey }

export interface SignedItem { message: SubmissionMessage; signature: string; document: AnnotationDocument }

export function sampleDocument(taskId: string, boxes = 2): AnnotationDocument {
  return annotationDocument(taskId, Array.from({ length: boxes }, (_, i) => ({
    id: `o${i}`, z: i, kind: 'box', label: i % 2 ? 'car' : 'person', geometry: { x: 10 + i, y: 20.5, w: 30, h: 40 }, attributes: { occluded: i % 3 === 0 }, origin: 'human',
  })));
}

export function signSubmission(wallet: SignerKey, domain: TaggerDomain, lease: { taskId: string; projectId: string }, opts: { nonce: bigint | number | string; createdAt?: number; document?: AnnotationDocument }): SignedItem {
  const document = opts.document ?? sampleDocument(lease.taskId);
  const message: SubmissionMessage = {
    taskId: lease.taskId,
    projectId: lease.projectId,
    contentHash: contentHash(document),
    annotator: wallet.address,
    nonce: String(opts.nonce),
    createdAt: String(opts.createdAt ?? Date.now()),
  };
  return { message, signature: wallet.signingKey.sign(submissionDigest(domain, message)).serialized, document };
}

/** JSON POST/GET against a node; returns status and parsed body (never throws on HTTP errors). */
export async function api<T = any>(url: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch { /* keep the text */ }
  return { status: res.status, body: parsed as T };
}

/** A signed lease request as a workstation sends it (POST /v1/leases body). */
export function signLeaseRequest(wallet: SignerKey, domain: TaggerDomain, req: { kinds: string[]; max: number; skills?: string[]; nonce?: string; expiresAt?: number }): { message: LeaseMessage; signature: string } {
  const message: LeaseMessage = {
    annotator: wallet.address,
    kinds: req.kinds.join(','),
    skills: (req.skills ?? []).join(','),
    max: req.max,
    nonce: req.nonce ?? randomNonce(),
    expiresAt: String(req.expiresAt ?? Date.now() + 5 * 60_000),
  };
  return { message, signature: wallet.signingKey.sign(leaseDigest(domain, message)).serialized };
}

/** Leases as `wallet` from the node at `url`; returns status and body (never throws on HTTP errors). */
export function leaseAs(url: string, wallet: SignerKey, kinds: string[], max = 10, opts: { skills?: string[]; domain?: TaggerDomain } = {}) {
  return api<{ leases: { taskId: string; projectId: string; leaseExpiresAt: number; baseReward: number; difficulty: number; project: { name: string }; asset: { kind: string; name: string; sha256: string; size: number | null } }[]; limitedBy?: string }>(
    `${url}/v1/leases`, 'POST', signLeaseRequest(wallet, opts.domain ?? DEFAULT_DOMAIN, { kinds, max, skills: opts.skills }));
}

/** The requester every test node credits (startNodeProcess), so tests can publish. */
export const TEST_REQUESTER = new Wallet('0x' + '4e'.repeat(32));


/** TEST_REQUESTER as a signer for publishFiles. */
export const testRequester = walletSigner(TEST_REQUESTER);
