// Plain text documents: must be valid UTF-8; the error names the line where it is not.
import fs from 'node:fs';
import path from 'node:path';
import { TaggerError } from '../../../shared/errors.ts';
import type { FileImporter } from './types.ts';

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

export function decodeUtf8Strict(bytes: Uint8Array, what: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    throw new TaggerError('corrupt', `${what} is not valid UTF-8 (first bad byte at offset ${bad}, line ${line}); re-save it as UTF-8`, { line, offset: bad });
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const textImporter: FileImporter = {
  name: 'text',
  extensions: ['txt', 'md', 'text'],
  async read(file) {
    const bytes = fs.readFileSync(file);
    const text = decodeUtf8Strict(bytes, 'the file');
    if (!text.trim()) throw new TaggerError('corrupt', 'the document is empty');
    let lines = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    return [{ kind: 'text', mime: 'text/plain; charset=utf-8', originalName: path.basename(file), file, meta: { chars: text.length, lines } }];
  },
};
