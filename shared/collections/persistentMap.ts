// An immutable map from string keys (a hash array mapped trie, as in Clojure and Immutable.js): `set` and `delete`
// return a new map that shares all but one path of ≤ 7 small nodes with the old one, so an edit costs O(log n)
// instead of copying the whole map, and the old map stays valid (undo, React/zustand change detection by
// identity). Reads follow the ReadonlyMap interface. Iteration order is the keys' hash order, not insertion order.

const BITS = 5;
const MASK = (1 << BITS) - 1;

interface Leaf<V> { t: 0; hash: number; key: string; value: V }
interface Branch<V> { t: 1; bitmap: number; kids: Node<V>[]; owner: object | null }
interface Collision<V> { t: 2; hash: number; entries: [string, V][] }
type Node<V> = Leaf<V> | Branch<V> | Collision<V>;

/** FNV-1a over UTF-16 code units: fast, and ids differ enough for an even spread. */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const popcount = (x: number) => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

const MISSING: unique symbol = Symbol('missing');

function lookup<V>(node: Node<V> | null, hash: number, key: string): V | typeof MISSING {
  let shift = 0;
  while (node) {
    if (node.t === 0) return node.key === key ? node.value : MISSING;
    if (node.t === 2) {
      if (node.hash !== hash) return MISSING;
      const e = node.entries.find((x) => x[0] === key);
      return e ? e[1] : MISSING;
    }
    const bit = 1 << ((hash >>> shift) & MASK);
    if (!(node.bitmap & bit)) return MISSING;
    node = node.kids[popcount(node.bitmap & (bit - 1))];
    shift += BITS;
  }
  return MISSING;
}

/** Two leaves that share the path so far, split into branches until their hashes differ (or collide). */
function join<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number, owner: object | null): Node<V> {
  if (shift >= 32 || a.hash === b.hash) {
    const entries = a.t === 0 ? [[a.key, a.value] as [string, V]] : a.entries.slice();
    entries.push([b.key, b.value]);
    return { t: 2, hash: b.hash, entries };
  }
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return { t: 1, bitmap: 1 << ia, kids: [join(a, b, shift + BITS, owner)], owner };
  return { t: 1, bitmap: (1 << ia) | (1 << ib), kids: ia < ib ? [a, b] : [b, a], owner };
}

interface Change { added: boolean; removed: boolean }

function set<V>(node: Node<V> | null, hash: number, key: string, value: V, shift: number, owner: object | null, ch: Change): Node<V> {
  if (!node) { ch.added = true; return { t: 0, hash, key, value }; }
  if (node.t === 0) {
    if (node.key === key) return node.value === value ? node : { t: 0, hash, key, value };
    ch.added = true;
    return join(node, { t: 0, hash, key, value }, shift, owner);
  }
  if (node.t === 2) {
    if (node.hash !== hash) { ch.added = true; return join(node, { t: 0, hash, key, value }, shift, owner); }
    const i = node.entries.findIndex((e) => e[0] === key);
    if (i >= 0 && node.entries[i][1] === value) return node;
    const entries = node.entries.slice();
    if (i >= 0) entries[i] = [key, value];
    else { entries.push([key, value]); ch.added = true; }
    return { t: 2, hash, entries };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  const idx = popcount(node.bitmap & (bit - 1));
  const editable = owner !== null && node.owner === owner;
  if (!(node.bitmap & bit)) {
    ch.added = true;
    const leaf: Leaf<V> = { t: 0, hash, key, value };
    if (editable) { node.kids.splice(idx, 0, leaf); node.bitmap |= bit; return node; }
    const kids = node.kids.slice();
    kids.splice(idx, 0, leaf);
    return { t: 1, bitmap: node.bitmap | bit, kids, owner };
  }
  const child = node.kids[idx];
  const next = set(child, hash, key, value, shift + BITS, owner, ch);
  if (next === child) return node;
  if (editable) { node.kids[idx] = next; return node; }
  const kids = node.kids.slice();
  kids[idx] = next;
  return { t: 1, bitmap: node.bitmap, kids, owner };
}

function remove<V>(node: Node<V>, hash: number, key: string, shift: number, ch: Change): Node<V> | null {
  if (node.t === 0) {
    if (node.key !== key) return node;
    ch.removed = true;
    return null;
  }
  if (node.t === 2) {
    const i = node.hash === hash ? node.entries.findIndex((e) => e[0] === key) : -1;
    if (i < 0) return node;
    ch.removed = true;
    const entries = node.entries.filter((_, k) => k !== i);
    return entries.length === 1 ? { t: 0, hash, key: entries[0][0], value: entries[0][1] } : { t: 2, hash, entries };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  if (!(node.bitmap & bit)) return node;
  const idx = popcount(node.bitmap & (bit - 1));
  const child = node.kids[idx];
  const next = remove(child, hash, key, shift + BITS, ch);
  if (next === child) return node;
  if (!next) {
    if (node.kids.length === 1) return null;
    const kids = node.kids.filter((_, k) => k !== idx);
    // A branch left with one leaf collapses into it, so paths stay short after deletes.
    if (kids.length === 1 && kids[0].t !== 1) return kids[0];
    return { t: 1, bitmap: node.bitmap & ~bit, kids, owner: null };
  }
  const kids = node.kids.slice();
  kids[idx] = next;
  if (kids.length === 1 && next.t !== 1) return next;
  return { t: 1, bitmap: node.bitmap, kids, owner: null };
}

/** Visits every entry; plain recursion (generators per level were ~20× slower than a Map's iteration). */
function visit<V>(node: Node<V> | null, fn: (value: V, key: string) => void): void {
  if (!node) return;
  if (node.t === 0) fn(node.value, node.key);
  else if (node.t === 2) for (const [k, v] of node.entries) fn(v, k);
  else for (let i = 0; i < node.kids.length; i++) visit(node.kids[i], fn);
}

/** Calls fn with every key whose value differs between the tries `a` and `b` (by identity; missing counts), skipping
 *  the subtrees they share, so two versions a few edits apart compare in O(edits × log n). */
function diff<V>(a: Node<V> | null, b: Node<V> | null, fn: (key: string) => void): void {
  if (a === b) return;
  if (a && b && a.t === 1 && b.t === 1) {
    // Same depth (both reached by the same hash prefix): compare child by child.
    for (let bits = a.bitmap | b.bitmap; bits; bits &= bits - 1) {
      const bit = bits & -bits;
      const ka = a.bitmap & bit ? a.kids[popcount(a.bitmap & (bit - 1))] : null;
      const kb = b.bitmap & bit ? b.kids[popcount(b.bitmap & (bit - 1))] : null;
      diff(ka, kb, fn);
    }
    return;
  }
  // A leaf, collision or empty side holds at most a few entries here: compare entry by entry.
  const old = new Map<string, V>();
  visit(a, (v, k) => old.set(k, v));
  visit(b, (v, k) => {
    if (!old.has(k) || old.get(k) !== v) fn(k);
    old.delete(k);
  });
  for (const k of old.keys()) fn(k);
}

/** Changes to make in one go (one new map, nodes made by the batch are written in place). */
export interface MapBatch<V> { set(key: string, value: V): void; delete(key: string): void }

export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private static readonly EMPTY = new PersistentMap<never>(null, 0);
  private constructor(private readonly root: Node<V> | null, readonly size: number) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY as unknown as PersistentMap<V>;
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    return PersistentMap.empty<V>().batch((b) => { for (const [k, v] of entries) b.set(k, v); });
  }

  get(key: string): V | undefined {
    const v = lookup(this.root, hashOf(key), key);
    return v === MISSING ? undefined : v;
  }

  has(key: string): boolean {
    return lookup(this.root, hashOf(key), key) !== MISSING;
  }

  /** A map with key set to value; `this` when nothing changes. */
  set(key: string, value: V): PersistentMap<V> {
    const ch: Change = { added: false, removed: false };
    const root = set(this.root, hashOf(key), key, value, 0, null, ch);
    return root === this.root ? this : new PersistentMap(root, this.size + (ch.added ? 1 : 0));
  }

  /** A map without key; `this` when it was not there. */
  delete(key: string): PersistentMap<V> {
    if (!this.root) return this;
    const ch: Change = { added: false, removed: false };
    const root = remove(this.root, hashOf(key), key, 0, ch);
    return ch.removed ? new PersistentMap(root, this.size - 1) : this;
  }

  /** Many changes at once: one new map; `this` when nothing changed. */
  batch(fn: (b: MapBatch<V>) => void): PersistentMap<V> {
    const owner = {};
    let root = this.root;
    let size = this.size;
    fn({
      set: (key, value) => {
        const ch: Change = { added: false, removed: false };
        root = set(root, hashOf(key), key, value, 0, owner, ch);
        if (ch.added) size++;
      },
      delete: (key) => {
        if (!root) return;
        const ch: Change = { added: false, removed: false };
        root = remove(root, hashOf(key), key, 0, ch);
        if (ch.removed) size--;
      },
    });
    return root === this.root ? this : new PersistentMap(root, size);
  }

  /** Every key whose value differs from `other`'s (added, removed or replaced), found without visiting what the two
   *  versions share: cheap between versions of one map a few edits apart. */
  changedKeys(other: PersistentMap<V>): string[] {
    const out: string[] = [];
    diff(other.root, this.root, (k) => out.push(k));
    return out;
  }

  // Iterators walk a snapshot array: the map never changes, and one array beats a generator per trie level.
  entries(): MapIterator<[string, V]> {
    const out: [string, V][] = [];
    visit(this.root, (v, k) => out.push([k, v]));
    return out[Symbol.iterator]();
  }
  keys(): MapIterator<string> {
    const out: string[] = [];
    visit(this.root, (_, k) => out.push(k));
    return out[Symbol.iterator]();
  }
  values(): MapIterator<V> {
    const out: V[] = [];
    visit(this.root, (v) => out.push(v));
    return out[Symbol.iterator]();
  }
  [Symbol.iterator](): MapIterator<[string, V]> { return this.entries(); }
  get [Symbol.toStringTag](): string { return 'PersistentMap'; }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    visit(this.root, (v, k) => fn.call(thisArg, v, k, this));
  }
}
