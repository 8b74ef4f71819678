// Hex by table, in one place: digests, ids and Merkle proofs convert millions of bytes per epoch, bundle verify or
// import, so none of them goes through toString(16) per byte.

/** "00".."ff" by byte value. */
export const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A hex digit's value by char code (either case), -1 for anything else; index only with codes < 128. */
export const HEX_DIGIT: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    t['0123456789abcdef'.charCodeAt(i)] = i;
    t['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return t;
})();

/** 0x-prefixed lowercase hex of bytes (a digest, an id). */
export function toHex(bytes: Uint8Array): string {
  let s = '0x';
  for (let i = 0; i < bytes.length; i++) s += BYTE_HEX[bytes[i]];
  return s;
}
