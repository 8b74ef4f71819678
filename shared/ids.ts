// Random ids for objects created on this machine; globally unique so documents can merge across annotators.
export function newId(prefix = ''): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return prefix ? `${prefix}_${s}` : s;
}
