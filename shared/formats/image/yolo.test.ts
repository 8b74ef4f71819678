import { describe, it, expect } from 'vitest';
import { fromClassesTxt, fromDataYaml, fromYoloLabels, toClassesTxt, toDataYaml, toYoloLabels } from './yolo.ts';
import { CATEGORIES, geometryClose, sampleRecords } from './fixtures.test-util.ts';

describe('YOLO', () => {
  it('round-trips boxes and polygons (to within float rounding) and class names; attributes are not part of YOLO', () => {
    const idx = new Map(CATEGORIES.map((c, i) => [c, i]));
    for (const r of sampleRecords()) {
      const text = toYoloLabels(r.objects, r.width, r.height, idx);
      const back = fromYoloLabels(text, 'labels/x.txt', r.width, r.height, CATEGORIES);
      expect(back.issues).toEqual([]);
      expect(back.objects.map((o) => [o.kind, o.label])).toEqual(r.objects.map((o) => [o.kind, o.label]));
      back.objects.forEach((o, i) => expect(geometryClose(o.geometry, r.objects[i].geometry), JSON.stringify([o.geometry, r.objects[i].geometry])).toBe(true));
    }
    expect(fromDataYaml(toDataYaml(CATEGORIES))).toEqual(CATEGORIES);
    expect(fromClassesTxt(toClassesTxt(CATEGORIES))).toEqual(CATEGORIES);
  });

  it('writes normalised detection and segmentation lines', () => {
    const text = toYoloLabels([{ kind: 'box', geometry: { x: 100, y: 50, w: 200, h: 100 }, label: 'b', attributes: {} }, { kind: 'polygon', geometry: { points: [0, 0, 400, 0, 400, 200] }, label: 'a', attributes: {} }], 400, 200, new Map([['a', 0], ['b', 1]]));
    expect(text).toBe('1 0.5 0.5 0.5 0.5\n0 0 0 1 0 1 1\n');
  });

  it('reads the data.yaml forms Ultralytics and others write', () => {
    expect(fromDataYaml("path: .\nnames: ['car', \"big truck\", bus]\n")).toEqual(['car', 'big truck', 'bus']);
    expect(fromDataYaml('names:\n  - car\n  - truck # comment\nnc: 2\n')).toEqual(['car', 'truck']);
    expect(fromDataYaml('names:\n  0: person\n  1: "bi: cycle"\ntrain: x\n')).toEqual(['person', 'bi: cycle']);
    expect(fromDataYaml('nc: 2\n')).toBeNull();
  });

  it('names the file and line of each bad line and keeps the good ones', () => {
    const text = ['0 0.5 0.5 0.2 0.2', '7 0.5 0.5 0.2 0.2', 'x 0.5 0.5 0.2 0.2', '0 0.5 0.5 0.2', '0 0.1 0.1 0.2 0.2 0.3', '0 0.5 0.5 0 0.2', '0 12 40 30 30', '0 0.1 0.1 0.2 0.1 0.2 0.2', '0 0.5 abc 0.2 0.2'].join('\n');
    const r = fromYoloLabels(text, 'labels/a.txt', 100, 100, ['car']);
    expect(r.objects.map((o) => o.kind)).toEqual(['box', 'polygon']);
    expect(r.issues.map((i) => `${i.where} ${i.reason}`)).toEqual([
      expect.stringMatching(/^labels\/a\.txt:2 class 7 is not in the class list/),
      expect.stringMatching(/^labels\/a\.txt:3 .*not a whole number/),
      expect.stringMatching(/^labels\/a\.txt:4 expected 4 values/),
      expect.stringMatching(/^labels\/a\.txt:5 .*odd number/),
      expect.stringMatching(/^labels\/a\.txt:6 .*no area/),
      expect.stringMatching(/^labels\/a\.txt:7 .*normalised/),
      expect.stringMatching(/^labels\/a\.txt:9 .*not a number/),
    ]);
  });
});
