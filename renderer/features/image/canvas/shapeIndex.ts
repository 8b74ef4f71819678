// R-tree of every box and polygon of the open document, kept in step with the document store by object identity
// (the store replaces an object when it changes). It culls drawing to the view and answers hit tests, so no
// per-shape Konva nodes or hit canvas are needed for thousands of shapes.
import RBush from 'rbush';
import { PersistentMap } from '../../../../shared/collections/persistentMap.ts';
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { shapeBounds } from '../../../../shared/geometry/bounds.ts';
import { isBox, boxContains } from '../../../../shared/geometry/box.ts';
import { isPolygon, hitPolygon, polygonRings } from '../../../../shared/geometry/polygon.ts';

export interface IndexItem { minX: number; minY: number; maxX: number; maxY: number; obj: AnnotationObject }

export class ShapeIndex {
  readonly tree = new RBush<IndexItem>(16);
  private items = new Map<string, IndexItem>();
  /** The objects last synced with. */
  private synced: ReadonlyMap<string, AnnotationObject> | null = null;

  /** Brings the index in line with `objects`; returns the ids that changed (added, removed or replaced). */
  sync(objects: ReadonlyMap<string, AnnotationObject>): Set<string> {
    const prev = this.synced;
    this.synced = objects;
    if (prev instanceof PersistentMap && objects instanceof PersistentMap && this.items.size) return this.apply(objects, objects.changedKeys(prev));
    const changed = new Set<string>();
    if (this.items.size === 0) {
      const fresh: IndexItem[] = [];
      for (const o of objects.values()) {
        const it = this.itemOf(o);
        if (it) { fresh.push(it); this.items.set(o.id, it); changed.add(o.id); }
      }
      this.tree.load(fresh);
      return changed;
    }
    for (const [id, it] of this.items) {
      const o = objects.get(id);
      if (o === it.obj) continue;
      this.tree.remove(it);
      this.items.delete(id);
      changed.add(id);
    }
    for (const o of objects.values()) {
      if (this.items.has(o.id)) continue;
      const it = this.itemOf(o);
      if (it) { this.tree.insert(it); this.items.set(o.id, it); changed.add(o.id); }
    }
    return changed;
  }

  /** Versions of one persistent map: only the keys that differ are visited (an edit costs O(log n), not O(n)). */
  private apply(objects: ReadonlyMap<string, AnnotationObject>, keys: string[]): Set<string> {
    const changed = new Set<string>();
    for (const id of keys) {
      const old = this.items.get(id);
      const o = objects.get(id);
      if (old && old.obj === o) continue;
      if (old) { this.tree.remove(old); this.items.delete(id); changed.add(id); }
      const it = o ? this.itemOf(o) : null;
      if (it) { this.tree.insert(it); this.items.set(id, it); changed.add(id); }
    }
    return changed;
  }

  private itemOf(o: AnnotationObject): IndexItem | null {
    const b = shapeBounds(o.kind, o.geometry);
    return b ? { ...b, obj: o } : null;
  }

  search(minX: number, minY: number, maxX: number, maxY: number): IndexItem[] {
    return this.tree.search({ minX, minY, maxX, maxY });
  }

  /** Topmost visible shape under (x, y) within `tol` image pixels of its outline. */
  hit(x: number, y: number, tol: number): AnnotationObject | null {
    let best: AnnotationObject | null = null;
    for (const it of this.search(x - tol, y - tol, x + tol, y + tol)) {
      const o = it.obj;
      if (o.hidden || (best && best.z > o.z)) continue;
      if (hitsShape(o, x, y, tol)) best = o;
    }
    return best;
  }

  boundsOf(id: string): IndexItem | undefined {
    return this.items.get(id);
  }

  get size(): number { return this.items.size; }
}

export function hitsShape(o: AnnotationObject, x: number, y: number, tol: number): boolean {
  if (o.kind === 'box' && isBox(o.geometry)) return boxContains(o.geometry, x, y, tol);
  if (o.kind === 'polygon' && isPolygon(o.geometry)) return polygonRings(o.geometry).some((r) => hitPolygon(r, x, y, tol));
  return false;
}
