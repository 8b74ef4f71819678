// Random ids for objects created on this machine; globally unique so documents can merge across annotators.
// Random bytes are drawn 6 KB at a time: an import that names 100,000 objects made 100,000 calls into the system's
// random source, a second of its time.
import { BYTE_HEX } from './hex.ts';

const ID_BYTES = 12;
let pool = new Uint8Array(0);
let at = 0;

export function newId(prefix = ''): string {
  if (at + ID_BYTES > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(ID_BYTES * 512));
    at = 0;
  }
  let s = '';
  for (let i = at; i < at + ID_BYTES; i++) s += BYTE_HEX[pool[i]];
  at += ID_BYTES;
  return prefix ? `${prefix}_${s}` : s;
}
