// Text documents that arrive with annotations: JSONL (one document per line, doccano-style spans and labels) and
// CoNLL (BIO tags). A bad JSONL line is reported by number through `warn` and the valid lines are imported.
import fs from 'node:fs';
import path from 'node:path';
import { TaggerError } from '../../../shared/errors.ts';
import { parseDoccanoLine } from '../../../shared/formats/text/doccano.ts';
import { packColumns, parseConll } from '../../../shared/formats/text/conll.ts';
import { docToObjects } from '../../../shared/formats/text/objects.ts';
import type { FormatWarning, TextDoc } from '../../../shared/formats/text/model.ts';
import { decodeUtf8Strict, firstInvalidUtf8 } from './text.ts';
import type { FileImporter, ImportedItem } from './types.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toItem(doc: TextDoc, originalName: string): ImportedItem {
  let lines = 1;
  for (let i = 0; i < doc.text.length; i++) if (doc.text.charCodeAt(i) === 10) lines++;
  return {
    kind: 'text', mime: 'text/plain; charset=utf-8', originalName, bytes: encoder.encode(doc.text),
    meta: { chars: doc.text.length, lines },
    // What the source said about the document beyond its spans, written back by export (see formats/text.ts).
    source: { ...(doc.name ? { sourceName: doc.name } : {}), ...(doc.meta ? { sourceMeta: doc.meta } : {}), ...(doc.columns ? { conllColumns: packColumns(doc.columns) } : {}) },
    objects: docToObjects(doc),
  };
}

const jsonlImporter: FileImporter = {
  name: 'JSONL',
  extensions: ['jsonl'],
  async read(file, warn) {
    const bytes = fs.readFileSync(file);
    if (!bytes.length) throw new TaggerError('corrupt', 'the file is empty (zero length)');
    const base = path.basename(file);
    const items: ImportedItem[] = [];
    const warnings: FormatWarning[] = [];
    let lineNo = 0;
    let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (start <= bytes.length) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      lineNo++;
      const raw = bytes.subarray(start, end);
      start = end + 1;
      const bad = firstInvalidUtf8(raw);
      if (bad >= 0) { warn({ line: lineNo, reason: `line ${lineNo} is not valid UTF-8 (bad byte at column ${bad + 1}); skipped` }); continue; }
      const line = decoder.decode(raw).replace(/\r$/, '');
      if (!line.trim()) continue;
      try {
        const doc = parseDoccanoLine(line, lineNo, warnings);
        items.push(toItem(doc, `${base}:${lineNo}`));
      } catch (e) {
        warn({ line: lineNo, reason: `${(e as Error).message}; skipped` });
      }
    }
    for (const w of warnings) warn(w);
    return items;
  },
};

const conllImporter: FileImporter = {
  name: 'CoNLL',
  extensions: ['conll'],
  async read(file, warn) {
    const text = decodeUtf8Strict(fs.readFileSync(file), 'the file');
    const { docs, warnings } = parseConll(text);
    for (const w of warnings) warn(w);
    if (!docs.length) throw new TaggerError('corrupt', 'the file has no tokens (expected one "token ... TAG" per line)');
    const base = path.basename(file);
    return docs.map((d, i) => toItem(d, docs.length > 1 ? `${base}#${i + 1}` : base));
  },
};

export const TEXT_FORMAT_IMPORTERS: FileImporter[] = [jsonlImporter, conllImporter];
