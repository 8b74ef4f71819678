// YOLO / Ultralytics label files: one .txt per image, one object per line, coordinates normalised to 0..1.
//   detection:    <class> <cx> <cy> <w> <h>
//   segmentation: <class> <x1> <y1> <x2> <y2> ... (at least 3 points)
// Boxes are written as detection lines and polygons as segmentation lines, so one export keeps both; the reader
// tells them apart by the number of values. Class names live in data.yaml (names) and classes.txt.
import { polygonRings } from '../../geometry/polygon.ts';
import { boxProblem, polygonProblem, type FormatIssue, type ImageObject } from './model.ts';

/** Shortest decimal that reads back as the same double: normalised values keep full precision. */
const num = (v: number) => String(v);

export function toYoloLabels(objects: ImageObject[], width: number, height: number, classIndex: Map<string, number>): string {
  const lines: string[] = [];
  for (const o of objects) {
    const c = classIndex.get(o.label);
    if (c === undefined) throw new Error(`class "${o.label}" is not in the class list`);
    if (o.kind === 'box') {
      const g = o.geometry;
      lines.push([c, num((g.x + g.w / 2) / width), num((g.y + g.h / 2) / height), num(g.w / width), num(g.h / height)].join(' '));
    } else {
      // YOLO has one outline per line: a multi-part object is written as one line per ring (as exporters do).
      for (const p of polygonRings(o.geometry)) lines.push([c, ...p.map((v, i) => num(v / (i % 2 ? height : width)))].join(' '));
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Reads one label file; bad lines become issues naming the file and line, good lines become objects. */
export function fromYoloLabels(text: string, source: string, width: number, height: number, classNames: string[]): { objects: ImageObject[]; issues: FormatIssue[] } {
  const objects: ImageObject[] = [];
  const issues: FormatIssue[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `${source}:${i + 1}`;
    const parts = line.split(/\s+/);
    const cls = Number(parts[0]);
    if (!/^\d+$/.test(parts[0]) || !Number.isInteger(cls)) return issues.push({ where, reason: `the class "${parts[0]}" is not a whole number` });
    const label = classNames[cls];
    if (label === undefined) return issues.push({ where, reason: `class ${cls} is not in the class list (${classNames.length} names)` });
    const v = parts.slice(1).map(Number);
    if (v.some((x, k) => !Number.isFinite(x) || !/^[-+0-9.eE]+$/.test(parts[k + 1]))) return issues.push({ where, reason: 'a coordinate is not a number' });
    if (v.some((x) => x < -0.01 || x > 1.01)) return issues.push({ where, reason: 'coordinates must be normalised to 0..1 (divide by the image width and height)' });
    if (v.length === 4) {
      const [cx, cy, w, h] = v;
      const box = { x: (cx - w / 2) * width, y: (cy - h / 2) * height, w: w * width, h: h * height };
      const bad = boxProblem(box);
      if (bad) return issues.push({ where, reason: bad });
      objects.push({ kind: 'box', geometry: box, label, attributes: {} });
    } else {
      if (v.length < 4) return issues.push({ where, reason: `expected 4 values (a box) or at least 6 (a polygon), found ${v.length}` });
      const points = v.map((x, k) => x * (k % 2 ? height : width));
      const bad = polygonProblem(points);
      if (bad) return issues.push({ where, reason: bad });
      objects.push({ kind: 'polygon', geometry: { points }, label, attributes: {} });
    }
  });
  return { objects, issues };
}

/** A name written plain when YAML reads it back as the same string, else double-quoted (JSON is valid YAML). */
const yamlString = (s: string) =>
  /^[A-Za-z_][A-Za-z0-9_ ./()-]*$/.test(s) && s.trim() === s && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(s) ? s : JSON.stringify(s);

/** The top-level lines of a data.yaml other than its names (path, train, val, nc ...), in order; "names" marks
 *  where the names list stood. Kept on the project so export writes the file back as it was. */
export function dataYamlKeys(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const l of text.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(l);
    if (!m) continue;
    out.push([m[1], m[1] === 'names' ? '' : m[2].replace(/\s+#.*$/, '').trim()]);
  }
  return out;
}

const DEFAULT_KEYS: [string, string][] = [['path', '.'], ['train', 'images'], ['val', 'images'], ['nc', ''], ['names', '']];

export function toDataYaml(names: string[], keys: [string, string][] = DEFAULT_KEYS): string {
  const out: string[] = [];
  const withNames = keys.some(([k]) => k === 'names') ? keys : [...keys, ['names', ''] as [string, string]];
  for (const [k, v] of withNames) {
    if (k === 'nc') out.push(`nc: ${names.length}`);
    else if (k === 'names') out.push('names:', ...names.map((n, i) => `  ${i}: ${yamlString(n)}`));
    else out.push(v ? `${k}: ${v}` : `${k}:`);
  }
  return out.join('\n') + '\n';
}

export function toClassesTxt(names: string[]): string {
  return names.map((n) => n.replace(/[\r\n]+/g, ' ')).join('\n') + '\n';
}

export function fromClassesTxt(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  while (lines.length && !lines[lines.length - 1]) lines.pop();
  return lines;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.startsWith('"')) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  return t.replace(/\s+#.*$/, '');
}

/** The class names of a data.yaml: `names: [a, b]`, a `- a` list, or a `0: a` map. Null when there is no names key. */
export function fromDataYaml(text: string): string[] | null {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^names\s*:/.test(l));
  if (at < 0) return null;
  const rest = lines[at].replace(/^names\s*:/, '').trim();
  if (rest.startsWith('[')) {
    const inner = rest.slice(1, rest.lastIndexOf(']'));
    return inner.trim() ? (inner.match(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+/g) ?? []).map(unquote).filter((s) => s !== '') : [];
  }
  const names: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (!l.trim() || l.trim().startsWith('#')) continue;
    if (!/^\s/.test(l)) break;
    const item = /^\s+-\s+(.*)$/.exec(l);
    const pair = /^\s+(\d+)\s*:\s*(.*)$/.exec(l);
    if (item) names.push(unquote(item[1]));
    else if (pair) names[Number(pair[1])] = unquote(pair[2]);
  }
  return Array.from(names, (n, i) => n ?? `class_${i}`);
}
