// The CPU-heavy half of accepting a submission, run in worker threads (see pool.ts): shape check (zod), EIP-712
// digest, signer check and the content hash of the document. Everything that needs the store comes afterwards.
import { createSubmissionHasher } from '../../shared/signing/submissionDigest.ts';
import { DigestInputError } from '../../shared/signing/structHash.ts';
import { toHex } from '../../shared/hex.ts';
import { canonicalJson } from '../../shared/signing/canonicalJson.ts';
import type { SubmissionMessage, TaggerDomain } from '../../shared/signing/typedData.ts';
import { describeZodError, submissionItem } from '../server/schemas.ts';
import { checkSignedBy, keccak256Native } from './nativeCrypto.ts';

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

const sameDomain = (a: TaggerDomain, b: TaggerDomain) =>
  a.name === b.name && a.version === b.version && a.chainId === b.chainId && a.verifyingContract.toLowerCase() === b.verifyingContract.toLowerCase();

/** The item's id when its message can be hashed at all, so the sender can file the verdict under it. */
function idOf(domain: TaggerDomain, raw: unknown): string | null {
  try {
    const item = raw as { message: SubmissionMessage; domain?: TaggerDomain };
    const d = item.domain && typeof item.domain === 'object' && item.domain.name === 'Tagger' ? item.domain : domain;
    return toHex(hasher.digest(d, item.message));
  } catch {
    return null;
  }
}

/** Checks an item exactly as received: validated with zod, but hashed raw (unknown keys included) as signed. */
export function checkItem(domain: TaggerDomain, raw: unknown): VerifyOutput {
  const r = submissionItem.safeParse(raw);
  if (!r.success) return { ok: false, id: idOf(domain, raw), reason: `malformed item: ${describeZodError(r.error)}` };
  const d = r.data.domain as TaggerDomain | undefined;
  if (d && !sameDomain(d, domain)) {
    let id: string | null = null;
    try {
      id = toHex(hasher.digest(d, r.data.message));
    } catch { /* the id stays unknown; the reason is what matters */ }
    return { ok: false, id, reason: `wrong chainId/domain: signed for chainId ${d.chainId} and verifyingContract ${d.verifyingContract} (${d.name} v${d.version}); this node uses chainId ${domain.chainId} and verifyingContract ${domain.verifyingContract} (${domain.name} v${domain.version})` };
  }
  return verifyItem(domain, raw as VerifyInput);
}

export function verifyItem(domain: TaggerDomain, item: VerifyInput): VerifyOutput {
  let id: string;
  let digest: Uint8Array;
  try {
    digest = hasher.digest(domain, item.message);
    id = toHex(digest);
  } catch (e) {
    if (e instanceof DigestInputError) return { ok: false, id: null, reason: `malformed item: message.${e.message}` };
    throw e;
  }
  const annotator = item.message.annotator.toLowerCase();
  const sig = checkSignedBy(digest, item.signature, annotator);
  if (!sig.ok) {
    if (sig.error) return { ok: false, id, reason: sig.error };
    return { ok: false, id, reason: `signer is not the annotator: the signature recovers to ${sig.address}, not ${item.message.annotator} (a forged signature, another key, or a signature for another chainId/domain; this node uses chainId ${domain.chainId} and verifyingContract ${domain.verifyingContract})` };
  }
  let doc: string;
  try {
    doc = canonicalJson(item.document);
  } catch (e) {
    return { ok: false, id, reason: `malformed item: document cannot be hashed (${(e as Error).message})` };
  }
  const docHash = toHex(keccak256Native(encoder.encode(doc)));
  if (docHash !== item.message.contentHash.toLowerCase()) {
    return { ok: false, id, reason: `content hash does not match the document: the document hashes to ${docHash}, the signed message says ${item.message.contentHash}` };
  }
  const docTask = (item.document as { taskId?: unknown }).taskId;
  if (docTask !== item.message.taskId) return { ok: false, id, reason: `the document is for task ${JSON.stringify(docTask)} but the message is for task ${item.message.taskId}` };
  return { ok: true, id, signer: annotator, document: doc };
}

export function checkItems(domain: TaggerDomain, items: unknown[]): VerifyOutput[] {
  return items.map((it) => checkItem(domain, it));
}
