// Edits on the selection that toolbar buttons, the object list and keys share. Every one goes through applyEdit,
// so it is saved at once and can be undone, also after a restart.
import type { AnnotationObject, ObjectInput } from '../../../shared/domain.ts';
import { newId } from '../../../shared/ids.ts';
import { withGeometry } from '../../../shared/objects.ts';
import { isBox, clampBoxToImage, type Size } from '../../../shared/geometry/box.ts';
import { isPolygon, clampPolygonToImage } from '../../../shared/geometry/polygon.ts';
import { useDocument, applyEdit, putOp, deleteOp, nextZ, objectList } from '../document/documentStore.ts';
import { toast } from '../../stores/app.ts';
import { useSelection, setSelection, stepIndex, revealObject } from '../workspace/selection.ts';
import { acceptObjects, nextSuggestionIn, rejectObjects } from '../document/suggestions.ts';
import { translateGeometry, clampedMove } from './tools/select/shapeEdits.ts';
import { defaultAttributes } from './tools/newObject.ts';

/** The document's boxes and polygons in paint order (other kinds of object are not the image workspace's). */
export function imageShapes(): readonly AnnotationObject[] {
  const all = objectList();
  let shapes = shapesOf.get(all);
  if (!shapes) shapesOf.set(all, (shapes = all.filter((o) => o.kind === 'box' || o.kind === 'polygon')));
  return shapes;
}
const shapesOf = new WeakMap<readonly AnnotationObject[], readonly AnnotationObject[]>();

function selectedObjects(): AnnotationObject[] {
  const objects = useDocument.getState().objects;
  return useSelection.getState().selected.map((id) => objects.get(id)).filter((o): o is AnnotationObject => !!o);
}

export function deleteSelection(): void {
  const all = selectedObjects();
  const objs = all.filter((o) => !o.locked);
  if (objs.length < all.length) toast('info', `${all.length - objs.length} locked shape${all.length - objs.length > 1 ? 's were' : ' was'} kept; unlock to delete (Ctrl+L).`);
  if (!objs.length) return;
  void applyEdit({ label: objs.length > 1 ? `Delete ${objs.length} shapes` : 'Delete shape', ops: objs.map((o) => deleteOp(o.id)) });
  setSelection([]);
}

export function nudgeSelection(dx: number, dy: number, img: Size): void {
  const objs = selectedObjects().filter((o) => !o.locked);
  if (!objs.length) return;
  const m = clampedMove(objs, dx, dy, img);
  if (!m.dx && !m.dy) return;
  // Consecutive nudges of the same selection are one undo step.
  void applyEdit({ label: 'Nudge', coalesce: `nudge:${objs.map((o) => o.id).join(',')}`, ops: objs.map((o) => putOp(withGeometry(o, translateGeometry(o, m.dx, m.dy)))) });
}

export function setLabelOfSelection(label: string): void {
  const objs = selectedObjects().filter((o) => o.label !== label);
  if (!objs.length) return;
  // Choosing a label for a suggestion makes it the annotator's, as in the audio and text workspaces.
  void applyEdit({ label: 'Change label', ops: objs.map((o) => putOp({ ...o, label, origin: 'human', attributes: { ...defaultAttributes(label), ...o.attributes } })) });
}

export function setFlag(objs: readonly AnnotationObject[], flag: 'hidden' | 'locked', value: boolean): void {
  const ops = objs.filter((o) => o[flag] !== value).map((o) => putOp({ ...o, [flag]: value }));
  if (!ops.length) return;
  const what = flag === 'hidden' ? (value ? 'Hide' : 'Show') : value ? 'Lock' : 'Unlock';
  void applyEdit({ label: `${what} ${ops.length > 1 ? `${ops.length} shapes` : 'shape'}`, ops });
}

/** Ctrl+H / Ctrl+L on the selection: hide (lock) it, or show (unlock) it when all of it already is. */
export function toggleFlagOfSelection(flag: 'hidden' | 'locked'): void {
  const objs = selectedObjects();
  setFlag(objs, flag, !objs.every((o) => o[flag]));
}

/** Ctrl+Shift+H / Ctrl+Shift+L: the same for every object. */
export function toggleFlagOfAll(flag: 'hidden' | 'locked'): void {
  const objs = imageShapes();
  setFlag(objs, flag, !objs.every((o) => o[flag]));
}

/** Moves an object one step up (towards the top of the paint order) or down by swapping z with its neighbour. */
export function reorder(id: string, dir: 1 | -1): void {
  const list = objectList();
  const i = list.findIndex((o) => o.id === id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= list.length) return;
  const a = list[i], b = list[j];
  const za = a.z === b.z ? a.z + dir : b.z;
  void applyEdit({ label: dir > 0 ? 'Bring forward' : 'Send backward', ops: [putOp({ ...a, z: za }), putOp({ ...b, z: a.z })] });
}

export function setAttribute(o: AnnotationObject, key: string, value: unknown, typing: boolean): void {
  void applyEdit({ label: 'Edit attribute', coalesce: typing ? `attr:${o.id}:${key}` : undefined, ops: [putOp({ ...o, attributes: { ...o.attributes, [key]: value } })] });
}

// ---- clipboard: module-level so it survives switching to the next image ---------------------------------
let clipboard: ObjectInput[] = [];

export function copySelection(): void {
  const objs = selectedObjects();
  if (!objs.length) return;
  clipboard = objs.map((o) => putOp(o).object);
  toast('info', `Copied ${objs.length} shape${objs.length > 1 ? 's' : ''}.`, 1500);
}

function clampGeometry(kind: string, g: ObjectInput['geometry'], img: Size): ObjectInput['geometry'] {
  if (kind === 'box' && isBox(g)) return clampBoxToImage(g, img);
  if (kind === 'polygon' && isPolygon(g)) return g.rings?.length ? { points: clampPolygonToImage(g.points, img), rings: g.rings.map((r) => clampPolygonToImage(r, img)) } : { points: clampPolygonToImage(g.points, img) };
  return g;
}

function insertCopies(src: ObjectInput[], offset: number, img: Size, label: string): void {
  if (!src.length) return;
  let z = nextZ();
  const copies = src.map((o) => {
    const moved = offset ? translateGeometry(o, offset, offset) : o.geometry;
    return withGeometry({ ...o, id: newId('obj'), z: z++, hidden: false, locked: false }, clampGeometry(o.kind, moved, img));
  });
  void applyEdit({ label, ops: copies.map((o) => putOp(o)) });
  setSelection(copies.map((o) => o.id));
}

/** Pastes at the same place (another image of a sequence usually has its objects where the last one did). */
export function paste(img: Size): void {
  if (!clipboard.length) { toast('info', 'Nothing to paste; copy shapes with Ctrl+C first.'); return; }
  insertCopies(clipboard, 0, img, clipboard.length > 1 ? `Paste ${clipboard.length} shapes` : 'Paste shape');
}

export function duplicateSelection(img: Size): void {
  insertCopies(selectedObjects().map((o) => putOp(o).object), 10, img, 'Duplicate');
}

/** Tab / Shift+Tab: select the next or previous visible object in list order. */
export function selectAdjacent(dir: 1 | -1): void {
  const list = imageShapes().filter((o) => !o.hidden);
  const cur = useSelection.getState().selected;
  const i = stepIndex(cur.length ? list.findIndex((o) => o.id === cur[cur.length - 1]) : -1, list.length, dir);
  if (i !== null) setSelection([list[i].id]);
}

// ---- machine proposals: A accepts, X rejects the selected suggestions (or the first one), then the next is selected
function suggestionTargets(): AnnotationObject[] {
  const sel = selectedObjects().filter((o) => o.origin === 'model');
  if (sel.length) return sel;
  const first = imageShapes().find((o) => o.origin === 'model' && !o.hidden);
  return first ? [first] : [];
}

function decideSuggestions(accept: boolean): void {
  const targets = suggestionTargets();
  if (!targets.length) { toast('info', 'No suggestions here; run Detect objects first.'); return; }
  const ids = targets.map((o) => o.id);
  const last = ids[ids.length - 1];
  const next = nextSuggestionIn(imageShapes().filter((o) => !o.hidden && (o.id === last || !ids.includes(o.id))), last);
  if (accept) acceptObjects(ids);
  else rejectObjects(ids);
  setSelection(next ? [next.id] : accept ? ids : []);
  if (next) revealObject(next.id);
}

export const acceptSuggestion = (): void => decideSuggestions(true);
export const rejectSuggestion = (): void => decideSuggestions(false);
