// CVAT for images 1.1 XML: <annotations><version>1.1</version><meta>…<labels/>…</meta><image …>shapes</image>.
// Boxes are corners (xtl, ytl, xbr, ybr), polygons "x,y;x,y;…", both in pixels written with two decimals as CVAT
// does; occluded, z_order, source, rotation and group_id are XML attributes of the shape, label attributes are
// <attribute name="…">value</attribute> children typed by the label's declaration in <meta>. Shapes we cannot hold
// (polylines, points, cuboids, ellipses, masks, skeletons, tags, video tracks) are named as issues, never dropped
// silently.
import { boxProblem, polygonProblem, type AttributeDecl, type CategoryDef, type ExportCategory, type FormatIssue, type ImageObject, type ImageRecord, type ParsedImages } from './model.ts';
import { child, childText, parseXml, writeXml, XmlError, type XmlElement, type XmlNode } from './xml.ts';

/** Object attributes that are CVAT shape fields rather than label attributes. */
const SHAPE_FIELDS = ['occluded', 'rotation', 'group_id', 'source'] as const;
const INPUT_TYPES: Record<string, AttributeDecl['type']> = { checkbox: 'checkbox', select: 'select', radio: 'select', number: 'number', text: 'text' };
const UNSUPPORTED = new Set(['polyline', 'points', 'cuboid', 'ellipse', 'mask', 'skeleton', 'tag']);

const fixed2 = (v: number) => v.toFixed(2);

function attributeText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

export interface CvatMeta { name: string; dumped: string }

/** Writes records as one CVAT for images 1.1 file. `attributes` are the project's attribute declarations (label
 *  names in `labels`; absent means every label). */
export function toCvatXml(records: ImageRecord[], categories: ExportCategory[], attributes: AttributeDecl[], meta: CvatMeta): string {
  const labels: XmlNode[] = categories.map((c) => {
    const own = attributes.filter((a) => !a.labels || a.labels.includes(c.name));
    const attrs: XmlNode[] = own.map((a): XmlNode => {
      const values = a.type === 'checkbox' ? ['false', 'true'] : a.options ?? [];
      const def = a.default !== undefined ? attributeText(a.default) : a.type === 'checkbox' ? 'false' : values[0] ?? '';
      return ['attribute', [['name', a.name], ['mutable', 'False'], ['input_type', a.type], ['default_value', def], ['values', values.join('\n')]]];
    });
    return ['label', [['name', c.name], ['color', c.color ?? ''], ['type', 'any'], ['attributes', attrs]]];
  });
  const images: XmlNode[] = records.map((r, i) => {
    const shapes: XmlNode[] = r.objects.map((o) => {
      const a = o.attributes;
      const source = typeof a.source === 'string' && a.source ? a.source : o.origin === 'model' ? 'auto' : 'manual';
      const head: [string, string | number][] = [['label', o.label], ['source', source], ['occluded', a.occluded === true || a.occluded === 1 || a.occluded === '1' || a.occluded === 'true' ? 1 : 0]];
      const geometry: [string, string | number][] =
        o.kind === 'box'
          ? [['xtl', fixed2(o.geometry.x)], ['ytl', fixed2(o.geometry.y)], ['xbr', fixed2(o.geometry.x + o.geometry.w)], ['ybr', fixed2(o.geometry.y + o.geometry.h)]]
          : [['points', pairs(o.geometry.points)]];
      const tail: [string, string | number][] = [];
      if (o.kind === 'box' && typeof a.rotation === 'number' && a.rotation) tail.push(['rotation', fixed2(a.rotation)]);
      tail.push(['z_order', Math.floor(o.z ?? 0)]);
      if (typeof a.group_id === 'number' && a.group_id) tail.push(['group_id', a.group_id]);
      const children: XmlNode[] = Object.entries(a)
        .filter(([k]) => !(SHAPE_FIELDS as readonly string[]).includes(k))
        .map(([k, v]): XmlNode => ['attribute', attributeText(v), [['name', k]]]);
      return [o.kind, children, [...head, ...geometry, ...tail]];
    });
    return ['image', shapes, [['id', i], ['name', r.fileName], ['width', r.width], ['height', r.height]]];
  });
  return writeXml([
    'annotations',
    [
      ['version', '1.1'],
      ['meta', [['task', [['name', meta.name], ['size', records.length], ['mode', 'annotation'], ['labels', labels]]], ['dumped', meta.dumped]]],
      ...images,
    ],
  ]);
}

function pairs(points: number[]): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) out.push(`${fixed2(points[i])},${fixed2(points[i + 1])}`);
  return out.join(';');
}

/** The <labels> of <meta> (under <task>, <job> or <project>), or undefined. */
function metaLabels(root: XmlElement): XmlElement | undefined {
  const meta = child(root, 'meta');
  if (!meta) return undefined;
  for (const holder of ['task', 'job', 'project']) {
    const h = child(meta, holder);
    const l = h && child(h, 'labels');
    if (l) return l;
  }
  return undefined;
}

function declarations(root: XmlElement): { categories: CategoryDef[]; attributes: AttributeDecl[] } {
  const categories: CategoryDef[] = [];
  const byName = new Map<string, AttributeDecl>();
  for (const l of metaLabels(root)?.children ?? []) {
    const name = l.name === 'label' ? childText(l, 'name') : undefined;
    // Skeleton points are labels with a <parent>; they have no shapes we keep.
    if (!name || childText(l, 'parent')) continue;
    const color = childText(l, 'color');
    categories.push({ name, ...(color ? { color } : {}) });
    for (const a of child(l, 'attributes')?.children ?? []) {
      const an = a.name === 'attribute' ? childText(a, 'name') : undefined;
      if (!an) continue;
      const type = INPUT_TYPES[childText(a, 'input_type') ?? 'text'] ?? 'text';
      const values = (child(a, 'values')?.text ?? '').split('\n').map((v) => v.trim()).filter(Boolean);
      const dv = childText(a, 'default_value');
      const prev = byName.get(an);
      if (prev) {
        if (prev.labels && !prev.labels.includes(name)) prev.labels.push(name);
        continue;
      }
      const decl: AttributeDecl = { name: an, type, labels: [name] };
      // A number's <values> are min, max and step (CVAT's form), kept as written.
      if (type === 'select' || (type === 'number' && values.length)) decl.options = values;
      if (dv !== undefined && dv !== '') decl.default = typedValue(dv, type);
      byName.set(an, decl);
    }
  }
  return { categories, attributes: [...byName.values()] };
}

function typedValue(text: string, type: AttributeDecl['type'] | undefined): string | number | boolean {
  if (type === 'checkbox') return text.trim().toLowerCase() === 'true';
  if (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** Reads one CVAT for images 1.1 file. Each shape that cannot be used is an issue naming the image and the line. */
export function fromCvatXml(xml: string, source: string): ParsedImages {
  const issues: FormatIssue[] = [];
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) return { images: [], categories: [], issues: [{ where: `${source}:${e.line}`, reason: `not well-formed XML (${e.message.replace(/^line \d+: /, '')})` }] };
    throw e;
  }
  if (root.name !== 'annotations') return { images: [], categories: [], issues: [{ where: source, reason: `not a CVAT file (the root element is <${root.name}>, expected <annotations>)` }] };
  const { categories, attributes } = declarations(root);
  const typeOf = new Map(attributes.map((a) => [a.name, a.type]));
  const images: ImageRecord[] = [];
  let tracks = 0;
  for (const el of root.children) {
    if (el.name === 'track') tracks++;
    if (el.name !== 'image') continue;
    const name = el.attrs.name;
    if (!name) {
      issues.push({ where: `${source}:${el.line}`, reason: '<image> has no name attribute' });
      continue;
    }
    const rec: ImageRecord = { fileName: name, width: Number(el.attrs.width) || 0, height: Number(el.attrs.height) || 0, objects: [] };
    const skippedKinds = new Map<string, number>();
    for (const s of el.children) {
      const where = `${source}:${s.line} (${name}, <${s.name}>)`;
      if (UNSUPPORTED.has(s.name)) {
        skippedKinds.set(s.name, (skippedKinds.get(s.name) ?? 0) + 1);
        continue;
      }
      if (s.name !== 'box' && s.name !== 'polygon') continue;
      const label = s.attrs.label;
      if (!label) {
        issues.push({ where, reason: 'the shape has no label' });
        continue;
      }
      const attrs: Record<string, unknown> = {};
      if (s.attrs.occluded === '1') attrs.occluded = true;
      const src = s.attrs.source;
      if (src && src !== 'manual' && src !== 'auto') attrs.source = src;
      const rotation = Number(s.attrs.rotation);
      if (s.attrs.rotation && Number.isFinite(rotation) && rotation) attrs.rotation = rotation;
      const group = Number(s.attrs.group_id);
      if (s.attrs.group_id && Number.isInteger(group) && group) attrs.group_id = group;
      for (const a of s.children) if (a.name === 'attribute' && a.attrs.name) attrs[a.attrs.name] = typedValue(a.text, typeOf.get(a.attrs.name));
      const z = s.attrs.z_order !== undefined && Number.isFinite(Number(s.attrs.z_order)) ? Number(s.attrs.z_order) : undefined;
      const common = { label, attributes: attrs, ...(z !== undefined ? { z } : {}), ...(src === 'auto' ? { origin: 'model' as const } : {}) };
      if (s.name === 'box') {
        const [x0, y0, x1, y1] = ['xtl', 'ytl', 'xbr', 'ybr'].map((k) => (s.attrs[k] === undefined || s.attrs[k] === '' ? NaN : Number(s.attrs[k])));
        const box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
        const bad = boxProblem(box);
        if (bad) issues.push({ where, reason: bad });
        else rec.objects.push({ kind: 'box', geometry: box, ...common } as ImageObject);
      } else {
        const pts = (s.attrs.points ?? '').split(';').flatMap((p) => p.split(',')).map((v) => (v.trim() === '' ? NaN : Number(v)));
        const bad = polygonProblem(pts);
        if (bad) issues.push({ where, reason: bad });
        else rec.objects.push({ kind: 'polygon', geometry: { points: pts }, ...common } as ImageObject);
      }
    }
    for (const [kind, n] of skippedKinds)
      issues.push({ where: `${source}:${el.line} (${name})`, reason: `${n} <${kind}> shape(s) were not imported: only boxes and polygons are kept from CVAT files` });
    images.push(rec);
  }
  if (tracks) issues.push({ where: source, reason: `${tracks} <track>(s) were not imported: this is CVAT for video; export the task as "CVAT for images 1.1"` });
  return { images, categories, issues, attributes };
}
