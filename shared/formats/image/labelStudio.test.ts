import { describe, it, expect } from 'vitest';
import { fromLabelStudioImages } from './labelStudio.ts';
import { readLsTasks } from '../labelStudio.ts';

const rect = (id: string, label: string, extra: Record<string, unknown> = {}) => ({
  original_width: 200, original_height: 100, image_rotation: 0,
  value: { x: 10, y: 20, width: 50, height: 30, rotation: 0, rectanglelabels: [label] },
  id, from_name: 'label', to_name: 'image', type: 'rectanglelabels', ...extra,
});

describe('Label Studio JSON (images)', () => {
  it('reads the first annotation that was not cancelled, or else the predictions as a model\'s objects', () => {
    const tasks = readLsTasks(JSON.stringify([
      { id: 1, data: { image: '/data/local-files/?d=photos%2Fa.jpg' }, annotations: [{ was_cancelled: true, result: [rect('x1', 'dog')] }, { result: [rect('x2', 'cat')] }] },
      { id: 2, data: { image: 's3://bucket/b.jpg' }, annotations: [], predictions: [{ model_version: 'v1', score: 0.9, result: [rect('p1', 'cat', { score: 0.75 })] }] },
    ]));
    const r = fromLabelStudioImages(tasks, 'ls.json');
    expect(r.issues).toEqual([]);
    expect(r.images.map((i) => i.fileName)).toEqual(['a.jpg', 'b.jpg']);
    expect(r.images[0].objects).toEqual([{ kind: 'box', geometry: { x: 20, y: 20, w: 100, h: 30 }, label: 'cat', attributes: {}, id: 'x2' }]);
    expect(r.images[1].objects[0]).toMatchObject({ origin: 'model', attributes: { score: 0.75 }, id: 'p1' });
  });

  it('names what it cannot keep: whole-image choices, a region without the image size, a bad polygon', () => {
    const tasks = readLsTasks(JSON.stringify([
      {
        id: 7,
        data: { image: 'a.jpg' },
        annotations: [{ result: [
          { id: 'c', from_name: 'class', to_name: 'image', type: 'choices', value: { choices: ['Indoor'] } },
          { id: 'n', from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x: 1, y: 1, width: 1, height: 1, rectanglelabels: ['dog'] } },
        ] }],
      },
      {
        id: 8,
        data: { image: 'b.jpg' },
        annotations: [{ result: [{ id: 'p', original_width: 10, original_height: 10, from_name: 'label', to_name: 'image', type: 'polygonlabels', value: { points: [[1, 1], [2, 2]], polygonlabels: ['dog'] } }] }],
      },
    ]));
    const r = fromLabelStudioImages(tasks, 'ls.json');
    expect(r.images.flatMap((i) => i.objects)).toEqual([]);
    expect(r.issues.map((i) => i.reason)).toEqual([
      expect.stringMatching(/"choices" result of "class" about the whole image is not kept/),
      expect.stringMatching(/no original_width/),
      expect.stringMatching(/at least 3 points/),
    ]);
    expect(() => readLsTasks('[{"annotations": []}]')).toThrow(/task 1 is not a Label Studio task/);
    expect(() => readLsTasks('{')).toThrow(/not valid JSON/);
  });
});
