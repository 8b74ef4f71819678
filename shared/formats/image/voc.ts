// Pascal VOC: one XML file per image. Boxes are <bndbox> corners in pixels, written as the float values we store
// (xmax = x + w; no 1-based shift, as CVAT and most current tools do). VOC has no polygons: a polygon is written
// as its bounding box plus a <polygon> element (x1, y1, x2, y2 ... as Roboflow and CVAT-derived tools write it),
// which standard readers ignore and this reader turns back into a polygon. difficult, truncated and occluded are
// VOC's own flags; other attributes go in <attributes><attribute><name/><value/></attribute></attributes> (CVAT).
import { multiPolygonBounds } from '../../geometry/polygon.ts';
import { boxProblem, polygonProblem, type FormatIssue, type ImageObject, type ImageRecord } from './model.ts';
import { child, childText, parseXml, writeXml, XmlError, type XmlNode } from './xml.ts';

const FLAGS = ['truncated', 'difficult', 'occluded'] as const;

const flag = (v: unknown) => (v === true || v === 1 || v === '1' || v === 'true' ? 1 : 0);

export function toVocXml(r: ImageRecord, folder = 'images'): string {
  const objects: XmlNode[] = r.objects.map((o) => {
    const mb = o.kind === 'polygon' ? multiPolygonBounds(o.geometry) : null;
    // The <bndbox> of a multi-part polygon covers every ring; the <polygon> element holds its first outline.
    const b = o.kind === 'box' ? o.geometry : { x: mb!.minX, y: mb!.minY, w: mb!.maxX - mb!.minX, h: mb!.maxY - mb!.minY };
    const attrs = { ...o.attributes };
    const pose = typeof attrs.pose === 'string' && attrs.pose ? attrs.pose : 'Unspecified';
    delete attrs.pose;
    const nodes: XmlNode[] = [['name', o.label], ['pose', pose]];
    for (const f of FLAGS) {
      // Only written when set or known, so "not recorded" and "false" both read back as the attribute being absent/false.
      if (f in attrs) nodes.push([f, flag(attrs[f])]);
      delete attrs[f];
    }
    nodes.push(['bndbox', [['xmin', b.x], ['ymin', b.y], ['xmax', b.x + b.w], ['ymax', b.y + b.h]]]);
    if (o.kind === 'polygon') nodes.push(['polygon', o.geometry.points.map((v, i): XmlNode => [`${i % 2 ? 'y' : 'x'}${(i >> 1) + 1}`, v])]);
    const rest = Object.entries(attrs);
    if (rest.length) nodes.push(['attributes', rest.map(([name, value]): XmlNode => ['attribute', [['name', name], ['value', typeof value === 'string' ? value : JSON.stringify(value)]]])]);
    return ['object', nodes];
  });
  return writeXml([
    'annotation',
    [
      ['folder', folder],
      ['filename', r.fileName],
      ['source', [['database', 'Tagger Workstation']]],
      ['size', [['width', r.width], ['height', r.height], ['depth', 3]]],
      ['segmented', 0],
      ...objects,
    ],
  ]);
}

/** Reads one VOC file. A bad object is an issue naming the file, the object's position and its line. */
export function fromVocXml(xml: string, source: string): { record: ImageRecord | null; issues: FormatIssue[] } {
  const issues: FormatIssue[] = [];
  let root;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { record: null, issues: [{ where: `${source}:${e.line}`, reason: `not well-formed XML (${e.message.replace(/^line \d+: /, '')})` }] };
    throw e;
  }
  if (root.name !== 'annotation') return { record: null, issues: [{ where: source, reason: `not a Pascal VOC file (the root element is <${root.name}>, expected <annotation>)` }] };
  const fileName = childText(root, 'filename');
  if (!fileName) return { record: null, issues: [{ where: `${source}:${root.line}`, reason: 'no <filename> naming the image' }] };
  const size = child(root, 'size');
  const record: ImageRecord = { fileName, width: Number(size && childText(size, 'width')) || 0, height: Number(size && childText(size, 'height')) || 0, objects: [] };
  let n = 0;
  for (const el of root.children) {
    if (el.name !== 'object') continue;
    n++;
    const where = `${source}:${el.line} (object ${n})`;
    const label = childText(el, 'name');
    if (!label) {
      issues.push({ where, reason: 'the object has no <name>' });
      continue;
    }
    const attributes: Record<string, unknown> = {};
    const pose = childText(el, 'pose');
    if (pose && pose !== 'Unspecified') attributes.pose = pose;
    for (const f of FLAGS) {
      const v = childText(el, f);
      if (v !== undefined) attributes[f] = v === '1' || v === 'true';
    }
    const extra = child(el, 'attributes');
    for (const a of extra?.children ?? []) {
      const name = a.name === 'attribute' ? childText(a, 'name') : undefined;
      if (!name) continue;
      const value = childText(a, 'value') ?? '';
      // Values we wrote as JSON (numbers, booleans, lists) come back typed; plain text stays text.
      let v: unknown = value;
      if (/^(true|false|null|-?\d[\d.eE+-]*|\[.*\]|\{.*\})$/.test(value)) {
        try {
          v = JSON.parse(value);
        } catch {
          v = value;
        }
      }
      attributes[name] = v;
    }
    const poly = child(el, 'polygon');
    if (poly) {
      const pts: number[] = [];
      const byIndex = new Map<string, string>();
      for (const c of poly.children) byIndex.set(c.name, c.text.trim());
      for (let k = 1; byIndex.has(`x${k}`) || byIndex.has(`y${k}`); k++) pts.push(Number(byIndex.get(`x${k}`)), Number(byIndex.get(`y${k}`)));
      const bad = polygonProblem(pts);
      if (bad) issues.push({ where, reason: bad });
      else record.objects.push({ kind: 'polygon', geometry: { points: pts }, label, attributes });
      continue;
    }
    const bb = child(el, 'bndbox');
    if (!bb) {
      issues.push({ where, reason: 'the object has neither <bndbox> nor <polygon>' });
      continue;
    }
    const [x0, y0, x1, y1] = ['xmin', 'ymin', 'xmax', 'ymax'].map((k) => {
      const t = childText(bb, k);
      return t === undefined || t === '' ? NaN : Number(t);
    });
    const box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    const bad = boxProblem(box);
    if (bad) issues.push({ where, reason: bad.replace('the box', 'the <bndbox>') });
    else record.objects.push({ kind: 'box', geometry: box, label, attributes } as ImageObject);
  }
  return { record, issues };
}
