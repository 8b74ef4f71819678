// The text workspace's view of the annotation document: spans in an interval index, relations by span, document
// labels. It follows the shared document store by its persistent map's differences (the store replaces only what
// changed), so an edit costs one index insert or delete, never a rebuild or a pass over every object, and the rows
// that changed are known.
import type { AnnotationObject } from '../../../shared/domain.ts';
import { IntervalIndex } from '../../../shared/text/intervalIndex.ts';
import { isRelationGeometry } from '../../../shared/formats/text/objects.ts';
import { isSpan } from '../../../shared/geometry/span.ts';
import { PersistentMap } from '../../../shared/collections/persistentMap.ts';
import { RangeWatchers } from './rangeWatchers.ts';

export interface SpanItem { id: string; start: number; end: number; label: string; origin: AnnotationObject['origin']; obj: AnnotationObject }
export interface RelationItem { id: string; from: string; to: string; label: string; obj: AnnotationObject }

export class SpanModel {
  index = new IntervalIndex<SpanItem>();
  relations = new Map<string, RelationItem>();
  docLabels = new Map<string, AnnotationObject>();
  modelCount = 0;
  /** The rendered rows, each told when a span in its range changed. */
  readonly watchers = new RangeWatchers();
  /** How many relations each span is an end of (its tag keeps room above it for their arcs). */
  private relationEnds = new Map<string, number>();
  /** After sync: nothing anyone sees changed (e.g. the saved copy of a span just drawn came back from the core). */
  quiet = false;
  private prev: ReadonlyMap<string, AnnotationObject> | null = null;

  constructor(private readonly textLength: number) {}

  /** Brings the model up to date and tells the watchers of the rows it changed (unless it is quiet); returns the
   *  text ranges whose drawing changed (null = everything). */
  sync(objects: ReadonlyMap<string, AnnotationObject>): { start: number; end: number }[] | null {
    const dirty = this.apply(objects);
    if (!this.quiet) this.watchers.notify(dirty);
    return dirty;
  }

  private apply(objects: ReadonlyMap<string, AnnotationObject>): { start: number; end: number }[] | null {
    const prev = this.prev;
    this.prev = objects;
    // One pass finds what changed; a reload that replaces (nearly) everything rebuilds once instead.
    let changed: [AnnotationObject | undefined, AnnotationObject][] | null = null;
    let added = 0;
    let removed: AnnotationObject[] | null = null;
    this.quiet = true;
    if (prev && prev.size === 0) {
      // From nothing (the document arrived after the text showed): one build, not a diff of every object.
    } else if (prev instanceof PersistentMap && objects instanceof PersistentMap) {
      // Versions of the store's persistent map: their differences, without visiting what they share.
      const keys = objects.changedKeys(prev);
      if (keys.length <= 1000) {
        changed = [];
        removed = [];
        for (const id of keys) {
          const o = objects.get(id), before = prev.get(id);
          if (o) changed.push([before, o]);
          else if (before) removed.push(before);
        }
      }
    } else if (prev && Math.abs(prev.size - objects.size) < 1000) {
      changed = [];
      // The store copies the map and then sets or deletes a few ids, so both maps list the surviving ids in the
      // same order: walk them side by side (no hashing) until the first difference, then look ids up.
      const old = prev.entries();
      let aligned = true;
      for (const [id, o] of objects) {
        let before: AnnotationObject | undefined;
        if (aligned) {
          const n = old.next();
          if (!n.done && n.value[0] === id) before = n.value[1];
          else { aligned = false; before = prev.get(id); }
        } else before = prev.get(id);
        if (before === o) continue;
        if (!before) added++;
        if (changed.push([before, o]) > 1000) { changed = null; break; }
      }
    }
    if (!prev || !changed) {
      this.quiet = false;
      this.relations.clear();
      this.relationEnds.clear();
      this.docLabels.clear();
      this.modelCount = 0;
      const spans: SpanItem[] = [];
      objects.forEach((o) => {
        const s = this.toSpan(o);
        if (s) { spans.push(s); if (s.origin === 'model') this.modelCount++; }
        else this.add(o);
      });
      this.index = new IntervalIndex(spans);
      return null;
    }
    const dirty: { start: number; end: number }[] = [];
    for (const [before, o] of changed) {
      const old = before?.kind === 'span' && o.kind === 'span' ? this.index.get(o.id) : undefined;
      if (old) {
        // Span to span: let upsert swap it in place when its offsets did not move.
        if (!sameLook(old, o)) this.quiet = false;
        dirty.push({ start: old.start, end: old.end });
        if (old.origin === 'model') this.modelCount--;
      } else { this.quiet = false; if (before) this.drop(before, dirty); }
      const s = this.toSpan(o);
      if (s) { this.index.upsert(s); dirty.push(s); if (s.origin === 'model') this.modelCount++; }
      else { if (old) this.index.remove(o.id); this.add(o, dirty); }
    }
    if (removed) { if (removed.length) this.quiet = false; for (const o of removed) this.drop(o, dirty); }
    // Something was deleted only when fewer old ids survive than the old map held.
    else if (objects.size - added < prev.size) { this.quiet = false; for (const [id, o] of prev) if (!objects.has(id)) this.drop(o, dirty); }
    return dirty;
  }

  /** Builds what the first edit needs and opening does not (the spans by id), e.g. while idle after the paint. */
  warm(): void {
    this.index.has('');
  }

  span(id: string | null | undefined): SpanItem | undefined {
    return id ? this.index.get(id) : undefined;
  }

  isRelationEnd(spanId: string): boolean {
    return this.relationEnds.has(spanId);
  }

  relationsOf(spanId: string): RelationItem[] {
    const out: RelationItem[] = [];
    for (const r of this.relations.values()) if (r.from === spanId || r.to === spanId) out.push(r);
    return out;
  }

  private toSpan(o: AnnotationObject): SpanItem | null {
    if (o.kind !== 'span' || !isSpan(o.geometry)) return null;
    const start = Math.max(0, Math.min(o.geometry.start, this.textLength));
    const end = Math.max(start, Math.min(o.geometry.end, this.textLength));
    return { id: o.id, start, end, label: o.label, origin: o.origin, obj: o };
  }

  private add(o: AnnotationObject, dirty?: { start: number; end: number }[]) {
    if (o.kind === 'relation' && isRelationGeometry(o.geometry)) {
      const old = this.relations.get(o.id);
      if (old) this.countEnds(old, -1);
      const r = { id: o.id, from: o.geometry.from, to: o.geometry.to, label: o.label, obj: o };
      this.relations.set(o.id, r);
      this.countEnds(r, 1);
      this.markRelation(o.geometry.from, o.geometry.to, dirty);
    } else if (o.kind === 'doclabel') this.docLabels.set(o.id, o);
  }

  private drop(o: AnnotationObject, dirty: { start: number; end: number }[]) {
    if (o.kind === 'span') {
      const s = this.index.get(o.id);
      if (s) { dirty.push({ start: s.start, end: s.end }); if (s.origin === 'model') this.modelCount--; }
      this.index.remove(o.id);
    } else if (o.kind === 'relation') {
      const r = this.relations.get(o.id);
      this.relations.delete(o.id);
      if (r) { this.countEnds(r, -1); this.markRelation(r.from, r.to, dirty); }
    } else if (o.kind === 'doclabel') this.docLabels.delete(o.id);
  }

  private countEnds(r: RelationItem, by: 1 | -1) {
    for (const id of r.from === r.to ? [r.from] : [r.from, r.to]) {
      const n = (this.relationEnds.get(id) ?? 0) + by;
      if (n > 0) this.relationEnds.set(id, n);
      else this.relationEnds.delete(id);
    }
  }

  private markRelation(from: string, to: string, dirty?: { start: number; end: number }[]) {
    for (const id of [from, to]) { const s = this.index.get(id); if (s && dirty) dirty.push(s); }
  }
}

/** A span whose saved copy looks the same: offsets, label, origin and attribute values. */
function sameLook(s: SpanItem, o: AnnotationObject): boolean {
  if (o.kind !== 'span' || !isSpan(o.geometry) || o.label !== s.label || o.origin !== s.origin) return false;
  if (o.geometry.start !== s.start || o.geometry.end !== s.end) return false;
  return s.obj.attributes === o.attributes || JSON.stringify(s.obj.attributes) === JSON.stringify(o.attributes);
}
