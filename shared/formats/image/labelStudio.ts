// Label Studio JSON for images: rectanglelabels ({x, y, width, height, rotation} in percent of original_width and
// original_height) and polygonlabels (points [[x, y], …] in percent). Per-region controls (choices, textarea,
// rating, number: results that share the region's id) become the object's attributes under the control's name;
// a region's score becomes the "score" attribute and prediction results are a model's objects.
import { attributeValue, collectNames, dataKeyOf, emptyNames, keptIdPattern, referencedName, regionAttribute, taskResults, type LabelStudioNames, type LsResult, type LsTask } from '../labelStudio.ts';
import { boxProblem, polygonProblem, type CategoryDef, type FormatIssue, type ImageObject, type ImageRecord, type ParsedImages } from './model.ts';

const REGION_TYPES = new Set(['rectanglelabels', 'polygonlabels']);


export function fromLabelStudioImages(tasks: LsTask[], source: string): ParsedImages {
  const issues: FormatIssue[] = [];
  const names = emptyNames('', '');
  const categories: CategoryDef[] = [];
  const seen = new Set<string>();
  const images: ImageRecord[] = [];
  tasks.forEach((t, i) => {
    const where = `${source}: task ${t.id ?? i + 1}`;
    const { results, fromPrediction } = taskResults(t);
    const key = dataKeyOf(t, results, 'image');
    if (!key) return issues.push({ where, reason: 'the task\'s "data" names no image' });
    const ref = t.data[key] as string;
    const regions = results.filter((r) => REGION_TYPES.has(r.type));
    const ids = new Set(regions.map((r) => r.id).filter((x): x is string => typeof x === 'string'));
    collectNames(names, key, results, REGION_TYPES, ids);
    const first = regions.find((r) => typeof r.original_width === 'number');
    const W = first?.original_width ?? 0, H = first?.original_height ?? 0;
    const rec: ImageRecord = { fileName: referencedName(ref), width: W, height: H, objects: [], ref };
    const perRegion = new Map<string, Record<string, unknown>>();
    for (const r of results) {
      if (REGION_TYPES.has(r.type) || r.type === 'relation') continue;
      if (r.id && ids.has(r.id) && r.from_name) {
        const a = perRegion.get(r.id) ?? {};
        a[r.from_name] = regionAttribute(r);
        perRegion.set(r.id, a);
      } else issues.push({ where, reason: `a "${r.type}" result${r.from_name ? ` of "${r.from_name}"` : ''} about the whole image is not kept (image tasks hold shapes only)` });
    }
    if (results.some((r) => r.type === 'relation')) issues.push({ where, reason: 'relations between image regions are not kept' });
    for (const r of regions) {
      const v = r.value ?? {};
      const lab = (r.type === 'rectanglelabels' ? v.rectanglelabels : v.polygonlabels) as unknown;
      const label = Array.isArray(lab) && typeof lab[0] === 'string' ? lab[0] : undefined;
      const rw = `${where}, region ${r.id ?? '?'}`;
      if (!label) {
        issues.push({ where: rw, reason: `the ${r.type} region has no label` });
        continue;
      }
      if ((lab as unknown[]).length > 1) issues.push({ where: rw, reason: `the region has ${(lab as unknown[]).length} labels; only the first (${label}) is kept` });
      const w = r.original_width ?? W, h = r.original_height ?? H;
      if (!(w > 0 && h > 0)) {
        issues.push({ where: rw, reason: 'no original_width/original_height, so the percent coordinates cannot be placed' });
        continue;
      }
      if (!seen.has(label)) {
        seen.add(label);
        categories.push({ name: label });
      }
      const attributes: Record<string, unknown> = { ...perRegion.get(r.id ?? '') };
      if (typeof r.score === 'number') attributes.score = r.score;
      const common = {
        label,
        attributes,
        ...(typeof r.id === 'string' && keptIdPattern.test(r.id) ? { id: r.id } : {}),
        ...(fromPrediction || r.origin === 'prediction' ? { origin: 'model' as const } : {}),
      };
      if (r.type === 'rectanglelabels') {
        const box = { x: (Number(v.x) * w) / 100, y: (Number(v.y) * h) / 100, w: (Number(v.width) * w) / 100, h: (Number(v.height) * h) / 100 };
        const bad = boxProblem(box);
        if (bad) {
          issues.push({ where: rw, reason: bad });
          continue;
        }
        if (typeof v.rotation === 'number' && v.rotation) attributes.rotation = v.rotation;
        rec.objects.push({ kind: 'box', geometry: box, ...common } as ImageObject);
      } else {
        const pts = Array.isArray(v.points) ? (v.points as unknown[]).flatMap((p) => (Array.isArray(p) && p.length === 2 ? [(Number(p[0]) * w) / 100, (Number(p[1]) * h) / 100] : [NaN])) : [];
        const bad = polygonProblem(pts);
        if (bad) {
          issues.push({ where: rw, reason: bad });
          continue;
        }
        rec.objects.push({ kind: 'polygon', geometry: { points: pts }, ...common } as ImageObject);
      }
    }
    images.push(rec);
  });
  return { images, categories, issues, labelStudio: names };
}

export interface LsImageExport { fileName: string; ref?: string; width: number; height: number; objects: (ImageObject & { id?: string })[] }

/** Writes image records as Label Studio tasks with the project's kept names ("label"/"image" by default). */
export function toLabelStudioImages(records: LsImageExport[], kept: LabelStudioNames | undefined): { text: string; warnings: string[] } {
  const names = kept ?? emptyNames('image');
  const toName = names.toName || 'image';
  const dataKey = names.dataKey || toName;
  let lost = 0;
  const tasks = records.map((r, i) => {
    const result: LsResult[] = [];
    r.objects.forEach((o, k) => {
      const id = o.id ?? `r${i + 1}_${k + 1}`;
      const type = o.kind === 'box' ? 'rectanglelabels' : 'polygonlabels';
      const { score, rotation, ...rest } = o.attributes;
      const pct = (v: number, of: number) => (v * 100) / of;
      const value =
        o.kind === 'box'
          ? { x: pct(o.geometry.x, r.width), y: pct(o.geometry.y, r.height), width: pct(o.geometry.w, r.width), height: pct(o.geometry.h, r.height), rotation: typeof rotation === 'number' ? rotation : 0, rectanglelabels: [o.label] }
          : { points: pairs(o.geometry.points).map(([x, y]) => [pct(x, r.width), pct(y, r.height)]), closed: true, polygonlabels: [o.label] };
      const frame = { original_width: r.width, original_height: r.height, image_rotation: 0 };
      result.push({ ...frame, value, id, from_name: names.labelControls[type] ?? 'label', to_name: toName, type, origin: o.origin === 'model' ? 'prediction' : 'manual', ...(typeof score === 'number' ? { score } : {}) });
      for (const [k2, v] of Object.entries(rest)) {
        const control = names.regionControls[k2];
        if (!control) {
          lost++;
          continue;
        }
        const where = o.kind === 'box' ? { x: value.x, y: value.y, width: value.width, height: value.height, rotation: value.rotation } : { points: value.points };
        result.push({ ...frame, value: { ...where, ...attributeValue(control, v) }, id, from_name: k2, to_name: toName, type: control, origin: o.origin === 'model' ? 'prediction' : 'manual' });
      }
    });
    return { id: i + 1, data: { [dataKey]: r.ref ?? r.fileName }, annotations: [{ id: i + 1, result }], predictions: [] };
  });
  const warnings = lost ? [`${lost} attribute value(s) have no Label Studio control (per-region choices, textarea …) in this project and were not written`] : [];
  return { text: JSON.stringify(tasks, null, 1), warnings };
}

function pairs(points: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i += 2) out.push([points[i], points[i + 1]]);
  return out;
}
