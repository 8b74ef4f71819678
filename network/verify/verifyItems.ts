// The CPU-heavy half of accepting a submission: EIP-712 digest, signer recovery and the content hash of the
// document. Runs in worker threads (see pool.ts); everything that needs the store is decided afterwards.
import { createSubmissionHasher, DigestInputError } from '../../shared/signing/submissionDigest.ts';
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import type { SubmissionMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import { keccak256Native, recoverAddress } from './nativeCrypto.ts';

export interface VerifyInput {
  message: SubmissionMessage;
  signature: string;
  document: unknown;
}

export type VerifyOutput =
  | { ok: true; id: string; signer: string; document: string }
  | { ok: false; id: string | null; reason: string };

const hasher = createSubmissionHasher(keccak256Native);
const encoder = new TextEncoder();
const hex = (b: Uint8Array) => `0x${Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')}`;

export function verifyItem(domain: TaggerDomain, item: VerifyInput): VerifyOutput {
  let id: string;
  let digest: Uint8Array;
  try {
    digest = hasher.digest(domain, item.message);
    id = hex(digest);
  } catch (e) {
    if (e instanceof DigestInputError) return { ok: false, id: null, reason: `malformed item: message.${e.message}` };
    throw e;
  }
  const rec = recoverAddress(digest, item.signature);
  if ('error' in rec) return { ok: false, id, reason: rec.error };
  if (rec.address !== item.message.annotator.toLowerCase()) {
    return { ok: false, id, reason: `signer is not the annotator: the signature recovers to ${rec.address}, not ${item.message.annotator} (a forged signature, another key, or a signature for another chainId/domain; this node uses chainId ${domain.chainId} and verifyingContract ${domain.verifyingContract})` };
  }
  let doc: string;
  try {
    doc = canonicalJson(item.document);
  } catch (e) {
    return { ok: false, id, reason: `malformed item: document cannot be hashed (${(e as Error).message})` };
  }
  const docHash = hex(keccak256Native(encoder.encode(doc)));
  if (docHash !== item.message.contentHash.toLowerCase()) {
    return { ok: false, id, reason: `content hash does not match the document: the document hashes to ${docHash}, the signed message says ${item.message.contentHash}` };
  }
  const docTask = (item.document as { taskId?: unknown }).taskId;
  if (docTask !== item.message.taskId) return { ok: false, id, reason: `the document is for task ${JSON.stringify(docTask)} but the message is for task ${item.message.taskId}` };
  return { ok: true, id, signer: rec.address, document: doc };
}

export function verifyItems(domain: TaggerDomain, items: VerifyInput[]): VerifyOutput[] {
  return items.map((it) => verifyItem(domain, it));
}
