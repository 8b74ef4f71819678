import { describe, it, expect } from 'vitest';
import { packColumns, parseConll, unpackColumns, writeConll } from './conll.ts';
import { parseDoccano, writeDoccano } from './doccano.ts';
import { parseSpacy, writeSpacy } from './spacy.ts';
import { parseLabelStudio, writeLabelStudio } from './labelStudio.ts';
import type { TextDoc } from './model.ts';

const CONLL = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
`;

const pick = (d: TextDoc) => d.spans.map((s) => `${s.label}:${d.text.slice(s.start, s.end)}`);

describe('CoNLL-2003 BIO', () => {
  it('reads documents, sentences and spans from BIO tags', () => {
    const { docs, warnings } = parseConll(CONLL);
    expect(warnings).toEqual([]);
    expect(docs).toHaveLength(2);
    expect(docs[0].text).toBe('EU rejects German call .\nPeter Blackburn');
    expect(pick(docs[0])).toEqual(['ORG:EU', 'MISC:German', 'PER:Peter Blackburn']);
    expect(pick(docs[1])).toEqual(['LOC:BRUSSELS']);
  });
  it('round-trips text and spans', () => {
    const { docs } = parseConll(CONLL);
    const again = parseConll(writeConll(docs).text).docs;
    expect(again.map((d) => d.text)).toEqual(docs.map((d) => d.text));
    expect(again.map(pick)).toEqual(docs.map(pick));
  });
  it('starts a new span on I- after O (IOB1) and names a line with a bad tag', () => {
    const { docs, warnings } = parseConll('a I-PER\nb I-PER\nc O\nd I-LOC\ne XX-Y\n');
    expect(pick(docs[0])).toEqual(['PER:a b', 'LOC:d']);
    expect(warnings).toEqual([{ line: 5, reason: expect.stringContaining('"XX-Y" is not a BIO tag') }]);
  });
  it('splits tokens at span edges on export and notes what BIO cannot hold', () => {
    const doc: TextDoc = { name: 'n.txt', text: 'In Rotterdam, today.', spans: [{ id: 'a', start: 3, end: 12, label: 'location' }, { id: 'b', start: 3, end: 8, label: 'misc' }], relations: [{ from: 'a', to: 'b', label: 'x' }], docLabels: [] };
    const { text, warnings } = writeConll([doc]);
    expect(text).toContain('Rotterdam _ _ B-LOC\n, _ _ O');
    expect(warnings.join('\n')).toMatch(/overlaps another[\s\S]*relation/);
  });
});

const ETEXT = 'Zoë 👩🏽‍💻 met Okafor in القاهرة';
const at = (w: string) => ({ start: ETEXT.indexOf(w), end: ETEXT.indexOf(w) + w.length });
const EMOJI_DOC: TextDoc = {
  name: 'e', text: ETEXT, docLabels: ['News'],
  spans: [{ id: 'p1', ...at('Zoë'), label: 'person' }, { id: 'p2', ...at('Okafor'), label: 'person' }, { id: 'l', ...at('القاهرة'), label: 'location' }],
  relations: [{ from: 'p2', to: 'l', label: 'located_in' }],
};

describe('doccano JSONL', () => {
  it('round-trips spans, relations and document labels, with code-point offsets in the file', () => {
    const src = writeDoccano([EMOJI_DOC]);
    const line = JSON.parse(src.trim());
    // "Okafor" comes after an emoji sequence of 4 code points but 7 UTF-16 units: the file counts code points.
    const cp = [...ETEXT.slice(0, at('Okafor').start)].length;
    expect(at('Okafor').start - cp).toBe(3);
    expect(line.entities[1]).toMatchObject({ start_offset: cp, end_offset: cp + 6, label: 'person' });
    const { docs, warnings } = parseDoccano(src);
    expect(warnings).toEqual([]);
    expect(pick(docs[0])).toEqual(pick(EMOJI_DOC));
    expect(docs[0].docLabels).toEqual(['News']);
    const r = docs[0].relations[0];
    expect(docs[0].text.slice(docs[0].spans.find((s) => s.id === r.from)!.start, docs[0].spans.find((s) => s.id === r.from)!.end)).toBe('Okafor');
  });
  it('reads the sequence-labeling shape and keeps valid lines when one is malformed', () => {
    const src = ['{"text": "Kyoto in June", "label": [[0, 5, "LOC"]]}', '{"text": "broken', '{"text": "Cairo", "label": [[0, 99, "LOC"], "News"]}', '[1,2]', '{"nope": 1}'].join('\n');
    const { docs, warnings } = parseDoccano(src);
    expect(docs.map(pick)).toEqual([['LOC:Kyoto'], []]);
    expect(docs[1].docLabels).toEqual(['News']);
    expect(warnings.map((w) => w.line)).toEqual([2, 3, 4, 5]);
    expect(warnings[0].reason).toMatch(/line 2 is not valid JSON/);
    expect(warnings[1].reason).toMatch(/does not fit the text/);
  });
});

describe('spaCy JSON and Label Studio JSON', () => {
  it('spaCy: code-point ents, cats and tokens; reads back the same', () => {
    const src = writeSpacy([EMOJI_DOC], { cats: ['News', 'Science'] });
    const o = JSON.parse(src.trim().split('\n')[0]);
    expect(o.ents[1]).toEqual({ start: at('Okafor').start - 3, end: at('Okafor').end - 3, label: 'person' });
    expect(o.cats).toEqual({ News: 1, Science: 0 });
    expect(o.tokens.length).toBeGreaterThan(4);
    const back = parseSpacy(src).docs[0];
    expect(pick(back)).toEqual(pick(EMOJI_DOC));
    expect(back.relations).toHaveLength(1);
    expect(back.docLabels).toEqual(['News']);
  });
  it('Label Studio: UTF-16 offsets with the span text, relations and choices; reads back the same', () => {
    const src = writeLabelStudio([{ ...EMOJI_DOC, spans: EMOJI_DOC.spans.map((s, i) => (i === 0 ? { ...s, origin: 'model' as const } : s)) }]);
    const t = JSON.parse(src)[0];
    const res = t.annotations[0].result;
    expect(res[1].value).toMatchObject({ ...at('Okafor'), text: 'Okafor', labels: ['person'] });
    expect(res.find((r: { type: string }) => r.type === 'relation')).toMatchObject({ from_id: 'p2', to_id: 'l', labels: ['located_in'] });
    const back = parseLabelStudio(src).docs[0];
    expect(pick(back)).toEqual(pick(EMOJI_DOC));
    expect(back.spans[0].origin).toBe('model');
    expect(back.relations).toEqual(EMOJI_DOC.relations);
    expect(back.docLabels).toEqual(['News']);
  });
});

describe('packed CoNLL columns', () => {
  it('round-trip through one string, tokens without columns included, and read the arrays stored before', () => {
    const cols = [['NNP', 'B-NP'], [], ['VBZ', 'I-VP'], ['.', 'O']];
    expect(unpackColumns(packColumns(cols))).toEqual(cols);
    expect(unpackColumns([['NN', 'I-NP']])).toEqual([['NN', 'I-NP']]);
    expect(unpackColumns(undefined)).toBeUndefined();
    expect(unpackColumns(5)).toBeUndefined();
  });
});
