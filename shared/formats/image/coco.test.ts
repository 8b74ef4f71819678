import { describe, it, expect } from 'vitest';
import { fromCoco, toCoco } from './coco.ts';
import { CATEGORIES, sampleRecords } from './fixtures.test-util.ts';

const CATS = CATEGORIES.map((name, i) => ({ name, id: i + 1 }));

describe('COCO', () => {
  it('round-trips boxes, polygons, attributes, float coordinates, empty images and categories exactly', () => {
    const records = sampleRecords();
    const json = JSON.parse(JSON.stringify(toCoco(records, CATS)));
    const back = fromCoco(json, 'x.json');
    expect(back.issues).toEqual([]);
    expect(back.categories).toEqual(CATS);
    expect(back.images).toEqual(records);
  });

  it('writes what COCO readers expect: 1-based ids, bbox and area for polygons, empty segmentation for boxes', () => {
    const c = toCoco(sampleRecords(), CATS);
    expect(c.categories[0]).toEqual({ id: 1, name: 'car', supercategory: '' });
    const [box, poly] = c.annotations;
    expect(box).toMatchObject({ id: 1, image_id: 1, category_id: 1, bbox: [10.25, 20.5, 100.125, 50.75], iscrowd: 0, segmentation: [] });
    expect(box.area).toBeCloseTo(100.125 * 50.75);
    expect(poly.bbox).toEqual([1.5, 2.25, 310.7 - 1.5, 200.3 - 2.25]);
    expect(poly.area).toBeGreaterThan(50000);
  });

  it('keeps the valid parts of a bad file and names each bad item', () => {
    const json = {
      images: [{ id: 1, file_name: 'a.jpg', width: 10, height: 10 }, { id: 1, file_name: 'dup.jpg' }, { file_name: 'noid.jpg' }],
      categories: [{ id: 1, name: 'car' }, { id: 2 }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 2, 2] },
        { id: 2, image_id: 7, category_id: 1, bbox: [1, 1, 2, 2] },
        { id: 3, image_id: 1, category_id: 9, bbox: [1, 1, 2, 2] },
        { id: 4, image_id: 1, category_id: 1, bbox: [1, 1, -2, 2] },
        { id: 5, image_id: 1, category_id: 1, segmentation: [[1, 1, 2, 2, 3]] },
        { id: 6, image_id: 1, category_id: 1, bbox: [1, 'x', 2, 2] },
        { id: 7, image_id: 1, category_id: 1, bbox: [0, 0, 4, 4], segmentation: { counts: 'abc', size: [10, 10] }, iscrowd: 1 },
        { id: 8, image_id: 1, category_id: 1, bbox: [1, 1, 2, 2], attributes: 'oops' },
      ],
    };
    const r = fromCoco(json, 'bad.json');
    expect(r.images.map((i) => i.fileName)).toEqual(['a.jpg']);
    // Kept: the box of id 1 and id 8 (without its attributes); id 7's RLE mask does not fit its size and is named.
    expect(r.images[0].objects).toHaveLength(2);
    const text = r.issues.map((i) => `${i.where} — ${i.reason}`);
    expect(text).toEqual([
      expect.stringMatching(/^bad\.json: categories\[1\].*"id" and a "name"/),
      expect.stringMatching(/^bad\.json: images\[1\] \(dup\.jpg\).*used twice/),
      expect.stringMatching(/^bad\.json: images\[2\].*"file_name"/),
      expect.stringMatching(/annotations\[1\] \(id 2\).*image_id 7 is not in "images"/),
      expect.stringMatching(/annotations\[2\] \(id 3\) on a\.jpg.*category_id 9/),
      expect.stringMatching(/annotations\[3\] \(id 4\) on a\.jpg.*no area/),
      expect.stringMatching(/annotations\[4\] \(id 5\) on a\.jpg.*odd number of coordinates/),
      expect.stringMatching(/annotations\[5\] \(id 6\) on a\.jpg.*not a number/),
      expect.stringMatching(/annotations\[6\] \(id 7\) on a\.jpg.*RLE (runs cover|counts string)/),
      expect.stringMatching(/annotations\[7\] \(id 8\) on a\.jpg.*"attributes" is not an object/),
    ]);
  });

  it('refuses a file that is not COCO at all', () => {
    expect(fromCoco([1, 2], 'x.json').issues[0].reason).toMatch(/not a COCO file/);
  });
});
