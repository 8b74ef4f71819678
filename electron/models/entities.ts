// Named entities in text, offline and pure JS: people, places and organizations from compromise; dates, times,
// money, percentages, e-mails and URLs from wink-nlp's English lite model. Long texts go in ~8 KB pieces cut at
// paragraph breaks (compromise slows down sharply on long inputs), yielding to the event loop between pieces so
// the core keeps answering. Offsets are UTF-16, like every span.
import { chunkStarts } from '../../shared/text/chunks.ts';
import { ENTITY_CLASSES } from '../../shared/models/modelLabels.ts';
import type { ModelClass } from '../../shared/models/cocoClasses.ts';

export interface EntityFound { start: number; end: number; cls: ModelClass; score: number }

const CLASS = new Map(ENTITY_CLASSES.map((c) => [c.name, c]));
const COMPROMISE: [method: 'people' | 'places' | 'organizations', cls: string][] = [['people', 'person'], ['places', 'place'], ['organizations', 'organization']];
const WINK: Record<string, string> = { DATE: 'date', TIME: 'time', MONEY: 'money', PERCENT: 'percent', EMAIL: 'email', URL: 'url' };
/** compromise and wink give no confidence; their rule-based finds (formats such as e-mails) are surer than the
 *  guessed names, and the validators' model opinion weighs missed spans by this. */
const SCORE = { compromise: 0.6, wink: 0.9 };

type Nlp = typeof import('compromise').default;
type Wink = ReturnType<typeof import('wink-nlp').default>;
let loaded: Promise<{ nlp: Nlp; wink: Wink; its: Wink['its'] }> | null = null;

export function loadEntityFinders() {
  loaded ??= (async () => {
    const nlp = (await import('compromise')).default;
    const winkNLP = (await import('wink-nlp')).default;
    const model = (await import('wink-eng-lite-web-model')).default;
    const wink = winkNLP(model);
    return { nlp, wink, its: wink.its };
  })().catch((e) => {
    loaded = null;
    throw e;
  });
  return loaded;
}

interface Term { offset: { start: number; length: number } }

export function compromiseIn(nlp: Nlp, piece: string, base: number, out: EntityFound[]) {
  const doc = nlp(piece);
  for (const [method, cls] of COMPROMISE) {
    for (const m of doc[method]().json({ offset: true, terms: { offset: true } }) as { terms: Term[] }[]) {
      const first = m.terms[0]?.offset;
      const last = m.terms[m.terms.length - 1]?.offset;
      // The entity's own start skips leading punctuation inconsistently; its first and last terms do not.
      if (!first || !last || last.start + last.length <= first.start) continue;
      out.push({ start: base + first.start, end: base + last.start + last.length, cls: CLASS.get(cls)!, score: SCORE.compromise });
    }
  }
}

export function winkIn(w: { wink: Wink; its: Wink['its'] }, piece: string, base: number, out: EntityFound[]) {
  const doc = w.wink.readDoc(piece);
  // Token offsets: wink keeps every character, so each token is found after the previous one.
  const values = doc.tokens().out() as string[];
  const starts = new Int32Array(values.length);
  let at = 0;
  values.forEach((v, i) => {
    const k = piece.indexOf(v, at);
    starts[i] = k < 0 ? at : k;
    at = k < 0 ? at : k + v.length;
  });
  doc.entities().each((e: import('wink-nlp').ItemEntity) => {
    const cls = WINK[e.out(w.its.type) as string];
    if (!cls) return;
    const [a, b] = e.out(w.its.span) as unknown as [number, number];
    let end = starts[b] + values[b].length;
    // A URL or e-mail at the end of a sentence takes the full stop with it; the address does not have it.
    if (cls === 'url' || cls === 'email') while (end > starts[a] && /[.,;:!?)\]'"”’]/.test(piece[end - 1])) end--;
    out.push({ start: base + starts[a], end: base + end, cls: CLASS.get(cls)!, score: SCORE.wink });
  });
}

export interface EntityProgress { progress(done: number, total: number): void; throwIfCancelled(): void }

/** Entities in document order (by start, longer first). */
export async function findEntitiesInText(text: string, p?: EntityProgress): Promise<EntityFound[]> {
  const w = await loadEntityFinders();
  const starts = chunkStarts(text);
  const out: EntityFound[] = [];
  for (let i = 0; i < starts.length; i++) {
    p?.throwIfCancelled();
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const piece = text.slice(starts[i], end);
    compromiseIn(w.nlp, piece, starts[i], out);
    winkIn(w, piece, starts[i], out);
    p?.progress(end, text.length);
    if (i + 1 < starts.length) await new Promise((r) => setImmediate(r));
  }
  const unique = new Map<string, EntityFound>();
  for (const e of out) if (e.end > e.start) unique.set(`${e.start}:${e.end}:${e.cls.name}`, e);
  return [...unique.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}
