// The annotation document a submission seals, and its content hash (ARCHITECTURE.md "content hash").
// Workstation and node both build it here so the same objects always give the same hash.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonicalJson.ts';

/** The fields of an object that are part of the signed work; z only orders, hidden/locked/revision are UI state. */
export interface DocumentObject {
  id: string;
  kind: string;
  label: string;
  geometry: unknown;
  attributes: Record<string, unknown>;
  origin: string;
}

export interface AnnotationDocument {
  taskId: string;
  objects: DocumentObject[];
}

/** What annotationDocument needs from each object (AnnotationObject and ObjectInput both fit). */
export type DocumentSource = DocumentObject & { z: number };

/** Objects sorted by (z, id) — id compared by UTF-16 code units so every runtime orders alike. */
export function annotationDocument(taskId: string, objects: readonly DocumentSource[]): AnnotationDocument {
  const sorted = [...objects].sort((a, b) => (a.z - b.z) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    taskId,
    objects: sorted.map((o) => ({
      id: o.id,
      kind: o.kind,
      label: o.label,
      // null rather than undefined so a doclabel's missing geometry hashes the same everywhere
      geometry: o.geometry === undefined ? null : o.geometry,
      attributes: o.attributes ?? {},
      origin: o.origin,
    })),
  };
}

/** keccak256(utf8(canonicalJson(doc))) as 0x-hex (66 chars). */
export function contentHash(doc: AnnotationDocument | unknown): string {
  return `0x${bytesToHex(keccak_256(utf8ToBytes(canonicalJson(doc))))}`;
}

export { submissionDigest, createSubmissionHasher } from './submissionDigest.ts';
