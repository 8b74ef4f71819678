// R-tree of every box and polygon of the open document, kept in step with the document store by object identity
// (the store replaces an object when it changes). It culls drawing to the view and answers hit tests, so no
// per-shape Konva nodes or hit canvas are needed for thousands of shapes.
import RBush from 'rbush';
import { PersistentMap } from '../../../../shared/collections/persistentMap.ts';
import { patchSorted } from '../../../../shared/collections/sortedPatch.ts';
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { shapeBounds } from '../../../../shared/geometry/bounds.ts';
import { isBox, boxContains } from '../../../../shared/geometry/box.ts';
import { isPolygon, hitPolygon, polygonRings } from '../../../../shared/geometry/polygon.ts';

export interface IndexItem { minX: number; minY: number; maxX: number; maxY: number; obj: AnnotationObject }

/** Paint order: z, then id (the document store's order). */
const before = (a: IndexItem, b: IndexItem) => a.obj.z < b.obj.z || (a.obj.z === b.obj.z && a.obj.id < b.obj.id);
const paintOrder = (a: IndexItem, b: IndexItem) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
/** Past this many changes since the paint order was last sorted, sorting again is as cheap as patching it. */
const PATCH_LIMIT = 2048;

const prepared = new WeakMap<AnnotationObject, IndexItem | null>();

export class ShapeIndex {
  readonly tree = new RBush<IndexItem>(16);
  private items = new Map<string, IndexItem>();
  /** The objects last synced with. */
  private synced: ReadonlyMap<string, AnnotationObject> | null = null;
  /** Every item in paint order (sorted on first use), and the items added and removed since. */
  private order: IndexItem[] | null = null;
  private added: IndexItem[] = [];
  private removed: IndexItem[] = [];

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
      this.order = null;
      return changed;
    }
    for (const [id, it] of this.items) {
      const o = objects.get(id);
      if (o === it.obj) continue;
      this.remove(it);
      changed.add(id);
    }
    for (const o of objects.values()) {
      if (this.items.has(o.id)) continue;
      const it = this.itemOf(o);
      if (it) { this.insert(it); changed.add(o.id); }
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
      if (old) { this.remove(old); changed.add(id); }
      const it = o ? this.itemOf(o) : null;
      if (it) { this.insert(it); changed.add(id); }
    }
    return changed;
  }

  private insert(it: IndexItem): void {
    this.tree.insert(it);
    this.items.set(it.obj.id, it);
    if (this.order) this.added.push(it);
  }

  private remove(it: IndexItem): void {
    this.tree.remove(it);
    this.items.delete(it.obj.id);
    if (this.order) this.removed.push(it);
  }

  private itemOf(o: AnnotationObject): IndexItem | null {
    const known = prepared.get(o);
    if (known !== undefined) return known;
    const b = shapeBounds(o.kind, o.geometry);
    return b ? { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY, obj: o } : null;
  }

  /** Measures objects ahead of their sync (the pages of a document that is still arriving), so taking in 100,000
   *  at once only builds the tree. Objects are immutable, so the measure is kept by identity until they go. */
  static prepare(objects: readonly AnnotationObject[]): void {
    for (const o of objects) {
      const b = shapeBounds(o.kind, o.geometry);
      prepared.set(o, b ? { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY, obj: o } : null);
    }
  }

  search(minX: number, minY: number, maxX: number, maxY: number): IndexItem[] {
    return this.tree.search({ minX, minY, maxX, maxY });
  }

  /** The items that meet the box, in paint order. A box that meets most of them (the whole image in view) filters
   *  the paint order kept here instead of sorting what the tree finds: 100,000 shapes cost one pass, not a sort. */
  inPaintOrder(minX: number, minY: number, maxX: number, maxY: number): IndexItem[] {
    const all = this.paintOrder();
    const root = this.tree.toJSON() as IndexItem;
    if (minX <= root.minX && minY <= root.minY && maxX >= root.maxX && maxY >= root.maxY) return all;
    const hits = this.search(minX, minY, maxX, maxY);
    if (hits.length < all.length / 8) return hits.sort(paintOrder);
    return all.filter((it) => it.minX <= maxX && it.maxX >= minX && it.minY <= maxY && it.maxY >= minY);
  }

  /** Every item in paint order (the same array until the index changes; never mutate it). */
  private paintOrder(): IndexItem[] {
    let order = this.order;
    if (order && this.added.length + this.removed.length > PATCH_LIMIT) order = null;
    if (!order) {
      order = [...this.items.values()].sort(paintOrder);
    } else if (this.added.length || this.removed.length) {
      order = patchSorted(order, this.removed, this.added.filter((it) => this.items.get(it.obj.id) === it), before);
    }
    this.added = [];
    this.removed = [];
    return (this.order = order);
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
