import { describe, it, expect } from 'vitest';
import { fromCvatXml, toCvatXml } from './cvat.ts';
import { CVAT_JOB_XML } from './cvatFixture.test-util.ts';

describe('CVAT for images 1.1', () => {
  it('reads labels from <meta>, boxes, polygons, typed attributes, occluded, z_order, source, rotation and group_id', () => {
    const r = fromCvatXml(CVAT_JOB_XML, 'annotations.xml');
    expect(r.issues).toEqual([]);
    expect(r.categories).toEqual([{ name: 'car', color: '#fa3253' }, { name: 'Person', color: '#33ddff' }, { name: 'traffic sign', color: '#ff6037' }]);
    expect(r.attributes).toEqual([
      { name: 'color', type: 'select', options: ['red', 'blue', 'white'], default: 'red', labels: ['car'] },
      { name: 'parked', type: 'checkbox', default: false, labels: ['car'] },
      { name: 'age', type: 'number', options: ['0', '120', '1'], default: 30, labels: ['Person'] },
    ]);
    const [a, b] = r.images;
    expect([a.fileName, a.width, a.height, b.fileName]).toEqual(['000000000139.jpg', 640, 480, '000000000285.jpg']);
    expect(a.objects).toEqual([
      { kind: 'box', geometry: { x: 10, y: 20.5, w: 100.25, h: 59.5 }, label: 'car', attributes: { color: 'blue', parked: true }, z: 0 },
      { kind: 'polygon', geometry: { points: [100, 100, 150.5, 100, 150.5, 200.25, 100, 200.25] }, label: 'Person', attributes: { occluded: true, age: 41 }, z: 2, origin: 'model' },
      { kind: 'box', geometry: { x: 200, y: 200, w: 100, h: 60 }, label: 'car', attributes: { occluded: true, source: 'semi-auto', rotation: 15, group_id: 3, color: 'red', parked: false }, z: -1 },
    ]);
  });

  it('writes back what it reads', () => {
    const r = fromCvatXml(CVAT_JOB_XML, 'a.xml');
    const cats = r.categories.map((c, i) => ({ ...c, id: i }));
    const again = fromCvatXml(toCvatXml(r.images, cats, r.attributes!, { name: 'P', dumped: 'now' }), 'b.xml');
    expect(again).toEqual(r);
  });

  it('names what it cannot keep and refuses what is not CVAT', () => {
    const xml = `<annotations><version>1.1</version>
<image id="0" name="a.jpg" width="10" height="10">
<polyline label="lane" source="manual" occluded="0" points="1.00,1.00;5.00,5.00" z_order="0"></polyline>
<tag label="night" source="manual"></tag>
<box label="x" occluded="0" xtl="5" ytl="5" xbr="1" ybr="9"></box>
</image>
<track id="0" label="car"></track>
</annotations>`;
    const r = fromCvatXml(xml, 'v.xml');
    expect(r.images[0].objects).toEqual([]);
    expect(r.issues.map((i) => `${i.where}: ${i.reason}`)).toEqual([
      expect.stringMatching(/^v\.xml:5 \(a\.jpg, <box>\): the box has no area/),
      expect.stringMatching(/^v\.xml:2 \(a\.jpg\): 1 <polyline> shape\(s\) were not imported/),
      expect.stringMatching(/1 <tag>/),
      expect.stringMatching(/1 <track>\(s\) were not imported: this is CVAT for video/),
    ]);
    expect(fromCvatXml('<annotation></annotation>', 'x.xml').issues[0].reason).toMatch(/expected <annotations>/);
    expect(fromCvatXml('<annotations><image></annotations>', 'x.xml').issues[0].reason).toMatch(/not well-formed XML/);
  });
});
