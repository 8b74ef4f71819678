// Builds signed submissions the way a workstation does (ethers wallet, shared document + digest), for tests and
// the bench.
import type { SigningKey } from 'ethers';
import { annotationDocument, contentHash, type AnnotationDocument } from '../../shared/signing/document.ts';
import { submissionDigest } from '../../shared/signing/submissionDigest.ts';
import type { SubmissionMessage, TaggerDomain } from '../../shared/signing/typedData.ts';

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
