import { describe, expect, it } from 'vitest';
import { COCO_CLASSES } from './cocoClasses.ts';
import { ENTITY_CLASSES, resolveModelLabel } from './modelLabels.ts';
import { decodeCenterNet, nonMaxSuppression, notCoveredBy } from './detections.ts';
import { modelOpinion, precisionRecall, type ModelItem } from './modelOpinion.ts';
import { chunkStarts } from '../text/chunks.ts';
import { labelsFrom } from '../defaultSchema.ts';

const cls = (name: string) => [...COCO_CLASSES, ...ENTITY_CLASSES].find((c) => c.name === name)!;
const box = (label: string, x: number, y: number, w: number, h: number, score?: number): ModelItem => ({ kind: 'box', label, geometry: { x, y, w, h }, score });
const span = (label: string, start: number, end: number, score?: number): ModelItem => ({ kind: 'span', label, geometry: { start, end }, score });

describe('model classes → project labels', () => {
  it('numbers COCO classes as the detector does', () => {
    expect(COCO_CLASSES).toHaveLength(80);
    expect(COCO_CLASSES[0].name).toBe('person');
    expect(COCO_CLASSES[15].name).toBe('cat');
    expect(COCO_CLASSES[79].name).toBe('toothbrush');
  });

  it('uses the project mapping first, then names, synonyms and families', () => {
    const labels = labelsFrom(['Person', 'Vehicle', 'Animal', 'Location', 'Org']);
    expect(resolveModelLabel(labels, undefined, cls('person'))).toBe('person');
    expect(resolveModelLabel(labels, undefined, cls('truck'))).toBe('vehicle');
    expect(resolveModelLabel(labels, undefined, cls('cat'))).toBe('animal');
    expect(resolveModelLabel(labels, undefined, cls('place'))).toBe('location');
    expect(resolveModelLabel(labels, undefined, cls('organization'))).toBe('org');
    expect(resolveModelLabel(labels, undefined, cls('cup'))).toBeNull();
    // The project's own choice wins, null ignores the class, and a label that no longer exists is ignored.
    expect(resolveModelLabel(labels, { cup: 'vehicle' }, cls('cup'))).toBe('vehicle');
    expect(resolveModelLabel(labels, { person: null }, cls('person'))).toBeNull();
    expect(resolveModelLabel(labels, { person: 'gone' }, cls('person'))).toBeNull();
  });
});

describe('detections', () => {
  it('decodes CenterNet rows into image pixels, dropping low scores and empty boxes', () => {
    const rows = [
      128, 256, 384, 512, 0.6, 0, // person: a quarter of the width onwards, lower half
      0, 0, 10, 10, 0.1, 2, // below the threshold
      500, 500, 500, 510, 0.9, 3, // no width
    ];
    const d = decodeCenterNet(rows, 512, { width: 1024, height: 256 }, 0.25);
    expect(d).toEqual([{ x: 256, y: 128, w: 512, h: 128, score: 0.6, cls: 0 }]);
  });

  it('suppresses overlapping boxes, keeping the likelier, and skips what a person drew', () => {
    const a = { x: 0, y: 0, w: 100, h: 100, score: 0.5, cls: 2 };
    const b = { x: 5, y: 5, w: 100, h: 100, score: 0.6, cls: 7 };
    const c = { x: 300, y: 0, w: 50, h: 50, score: 0.3, cls: 0 };
    expect(nonMaxSuppression([a, b, c])).toEqual([b, c]);
    const props = [{ ...b, label: 'car' }, { ...c, label: 'person' }];
    expect(notCoveredBy(props, [{ x: 4, y: 4, w: 100, h: 100, label: 'car' }])).toEqual([props[1]]);
    expect(notCoveredBy(props, [{ x: 4, y: 4, w: 100, h: 100, label: 'person' }])).toEqual(props);
  });
});

describe('matching, precision/recall and the model opinion', () => {
  it('counts a hit only for the same label in the same place', () => {
    expect(precisionRecall([box('a', 0, 0, 10, 10), box('b', 50, 50, 10, 10), box('a', 1, 0, 10, 10)], [box('a', 0, 0, 10, 10), box('c', 90, 90, 5, 5)])).toMatchObject({ tp: 1, fp: 2, fn: 1, precision: 1 / 3, recall: 0.5 });
    expect(precisionRecall([], [])).toMatchObject({ precision: 1, recall: 1 });
  });

  it('flags a submission that leaves out what the model is sure of, and says what and where', () => {
    const model = [box('person', 10, 10, 100, 200, 0.6), box('car', 300, 300, 80, 40, 0.3)];
    const op = modelOpinion([], model, { labelName: (id) => id.toUpperCase() });
    expect(op.flagged).toBe(true);
    expect(op.missed).toEqual([model[0]]); // the unsure car is not held against anyone
    expect(op.reasons[0]).toBe('Leaves out 1 object the model is sure of: PERSON at 10,10 100×200 (60%).');
    expect(modelOpinion([box('person', 12, 8, 100, 200)], model).flagged).toBe(false);
    // A box that only grazes the sure object does not cover it.
    expect(modelOpinion([box('person', 80, 150, 100, 200)], model).missed).toEqual([model[0]]);
  });

  it('flags labels far from the model\'s, for spans too, and tolerates what the options allow', () => {
    const model = [span('person', 0, 10, 0.9), span('date', 20, 30, 0.9)];
    const sub = [span('location', 0, 10), span('date', 21, 30)];
    const op = modelOpinion(sub, model);
    expect(op.missed).toEqual([]);
    expect(op.relabeled).toEqual([{ submitted: sub[0], model: model[0] }]);
    expect(op.reasons).toEqual(['Labels 1 span differently from the model: location where the model sees person at characters 0–10.']);
    expect(modelOpinion(sub, model, { maxRelabeled: 1 }).flagged).toBe(false);
    expect(modelOpinion([], model, { maxMissed: 2 }).flagged).toBe(false);
  });
});

describe('chunkStarts', () => {
  it('cuts at paragraph breaks near the target size and covers the whole text', () => {
    const para = 'word '.repeat(300).trim(); // 1499 chars
    const text = Array.from({ length: 40 }, () => para).join('\n\n');
    const starts = chunkStarts(text, 8192);
    expect(starts[0]).toBe(0);
    expect(starts.length).toBeGreaterThan(5);
    for (const s of starts.slice(1)) expect(text.slice(s - 2, s)).toBe('\n\n');
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeLessThanOrEqual(16384);
  });

  it('never splits a surrogate pair when there is no break at all', () => {
    const text = '😀'.repeat(20_000);
    for (const s of chunkStarts(text, 1001)) expect(text.charCodeAt(s) >= 0xdc00 && text.charCodeAt(s) <= 0xdfff).toBe(false);
  });
});
