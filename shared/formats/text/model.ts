// The neutral shape every text format converts to and from: one document's text (UTF-16 offsets, like storage),
// its spans, the relations between them and its document-level labels.
import type { OffsetMap } from '../../text/offsets.ts';
import type { LabelStudioNames } from '../../domain.ts';

export interface TextSpan { id: string; start: number; end: number; label: string; origin?: 'human' | 'model' }
export interface TextRelation { from: string; to: string; label: string; /** Label Studio's direction when not "right" (left, bi). */ direction?: string }
export interface TextDoc {
  /** Name of the document (file name, line reference or the format's own id) when the format carries one. */
  name?: string;
  text: string;
  spans: TextSpan[];
  relations: TextRelation[];
  docLabels: string[];
  /** The document's metadata in the source (doccano "meta"), written back on export. */
  meta?: Record<string, unknown>;
  /** CoNLL: the columns between the token and its tag (POS, chunk ...) of every token, in order. */
  columns?: string[][];
  /** The id the source gives the document labels' result (Label Studio's choices), kept as their object's id. */
  docLabelsId?: string;
}
export interface FormatWarning { line?: number; reason: string }
export interface ParseResult {
  docs: TextDoc[];
  warnings: FormatWarning[];
  /** Label Studio: the control names the file uses (kept on the project); span ids are then kept as object ids. */
  labelStudio?: LabelStudioNames;
}

/** A code-point offset read from a file as a UTF-16 offset, or -1 when it is not an offset into the text. */
export function fromCodePoint(map: OffsetMap, cp: unknown): number {
  return typeof cp === 'number' && Number.isInteger(cp) && cp >= 0 && cp <= map.codePointLength ? map.toUtf16(cp) : -1;
}

/** Drops spans that do not fit the text, with a warning that names the line and the offsets. */
export function checkSpans(doc: TextDoc, line: number | undefined, warnings: FormatWarning[]): TextDoc {
  const spans = doc.spans.filter((s) => {
    const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= doc.text.length;
    if (!ok) warnings.push({ line, reason: `span ${s.start}..${s.end} (${s.label}) does not fit the text of ${doc.text.length} characters; skipped` });
    return ok;
  });
  const ids = new Set(spans.map((s) => s.id));
  const relations = doc.relations.filter((r) => {
    const ok = ids.has(r.from) && ids.has(r.to);
    if (!ok) warnings.push({ line, reason: `relation ${r.label} refers to a span that is not in the document; skipped` });
    return ok;
  });
  return { ...doc, spans, relations };
}

/** CoNLL tags are label names as written ("PER" stays "PER"); on export the starter labels' names take the usual
 *  CoNLL abbreviations, every other name is written as it is. */
const NAME_TO_TAG: Record<string, string> = { person: 'PER', organization: 'ORG', location: 'LOC', date: 'DATE', event: 'EVT', misc: 'MISC' };
export function labelForTag(type: string): string {
  return type;
}
export function tagForLabel(name: string): string {
  return NAME_TO_TAG[name.toLowerCase()] ?? name.replace(/\s+/g, '_');
}
