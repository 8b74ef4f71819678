import { describe, it, expect } from 'vitest';
import { fromVocXml, toVocXml } from './voc.ts';
import { geometryClose, sampleRecords } from './fixtures.test-util.ts';

describe('Pascal VOC', () => {
  it('round-trips boxes, polygons, flags, typed and text attributes and awkward names', () => {
    for (const r of sampleRecords()) {
      const back = fromVocXml(toVocXml(r), 'a.xml');
      expect(back.issues).toEqual([]);
      const rec = back.record!;
      expect([rec.fileName, rec.width, rec.height]).toEqual([r.fileName, r.width, r.height]);
      expect(rec.objects.map((o) => [o.kind, o.label, o.attributes])).toEqual(r.objects.map((o) => [o.kind, o.label, o.attributes]));
      rec.objects.forEach((o, i) => expect(geometryClose(o.geometry, r.objects[i].geometry)).toBe(true));
    }
  });

  it('writes standard VOC a plain reader understands', () => {
    const xml = toVocXml(sampleRecords()[0]);
    expect(xml).toContain('<filename>street/a.jpg</filename>');
    expect(xml).toContain('<name>person &amp; &quot;friend&quot; &lt;x&gt;</name>');
    expect(xml).toMatch(/<occluded>1<\/occluded>\s*<bndbox>\s*<xmin>10.25<\/xmin>\s*<ymin>20.5<\/ymin>\s*<xmax>110.375<\/xmax>/);
    expect(xml).toContain('<difficult>1</difficult>');
    expect(xml).toMatch(/<attribute>\s*<name>color<\/name>\s*<value>red<\/value>/);
  });

  it('reads files written by other tools (integer corners, no flags) and reports bad objects by line', () => {
    const xml = `<?xml version="1.0"?>
<!-- labelImg -->
<annotation>
  <filename>dog.jpg</filename>
  <size><width>500</width><height>375</height><depth>3</depth></size>
  <object><name>dog</name><bndbox><xmin>48</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox></object>
  <object><name>cat</name><bndbox><xmin>8</xmin><ymin>12</ymin><xmax>3</xmax><ymax>40</ymax></bndbox></object>
  <object><bndbox><xmin>8</xmin><ymin>12</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>
  <object><name>cat</name><bndbox><xmin>8</xmin><ymin></ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>
  <object><name>cat</name><difficult>1</difficult><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>30</xmax><ymax>40</ymax></bndbox></object>
</annotation>`;
    const r = fromVocXml(xml, 'dog.xml');
    expect(r.record!.objects).toEqual([
      { kind: 'box', geometry: { x: 48, y: 240, w: 147, h: 131 }, label: 'dog', attributes: {} },
      { kind: 'box', geometry: { x: 1, y: 2, w: 29, h: 38 }, label: 'cat', attributes: { difficult: true } },
    ]);
    expect(r.issues.map((i) => `${i.where} ${i.reason}`)).toEqual([
      expect.stringMatching(/^dog\.xml:7 \(object 2\) the <bndbox> has no area/),
      expect.stringMatching(/^dog\.xml:8 \(object 3\) the object has no <name>/),
      expect.stringMatching(/^dog\.xml:9 \(object 4\) .*not a number/),
    ]);
  });

  it('rejects broken XML and entity declarations with the line', () => {
    expect(fromVocXml('<annotation>\n<filename>a.jpg</filename>\n<object>\n</annotation>', 'a.xml').issues[0]).toEqual({ where: 'a.xml:4', reason: expect.stringMatching(/<\/annotation> closes <object> \(opened on line 3\)/) });
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<annotation><filename>&lol;</filename></annotation>';
    expect(fromVocXml(bomb, 'b.xml').issues[0]).toEqual({ where: 'b.xml:2', reason: expect.stringMatching(/DOCTYPE/) });
    expect(fromVocXml('<html/>', 'c.xml').issues[0].reason).toMatch(/expected <annotation>/);
  });
});
