// Relations drawn as arrows between the label tags of their two spans. A tag at a relation's end lifts its line
// (.tx-rel-end), keeping room above the line's text, and arrows run only in that room and in the gutter left of the
// text, so they and their captions never cover text or other tags: two ends on one line are joined by an arc inside
// the room; ends on different lines (or an end scrolled out of the rendered rows) by a path that rises into its
// line's room, runs left to the gutter, along the gutter to the other line's room (or the edge of the rendered
// rows), and over to the other tag. Captions show for the selected span's relations, on an opaque tag in the room
// of the upper end; every relation is listed with its label in the Relations panel.
import { useSelection } from '../workspace/selection.ts';

/** Positions are the tops of the tags (canvas coordinates); an end that is not rendered (fromOff / toOff) has the
 *  top or bottom edge of the rendered rows as its y. */
export interface Arrow { id: string; from: string; to: string; x1: number; y1: number; x2: number; y2: number; label: string; color: string; fromOff?: boolean; toOff?: boolean }

const CHAR_W = 6;
/** How far an arc rises above the higher of its two tags: inside the room .tx-rel-end keeps above them. */
export const ARC_LIFT = 20;
/** Where routed paths run above a tag's line, by lane: within the room, below the captions' middle. */
const ROOM_Y = [12, 9, 15];
/** The gutter's lanes, left of the text (the document's 16 px padding), one per routed path in turn (two paths
 *  along the same line's room run at different heights too). */
const GUTTER = [-5, -9, -13];

interface Caption { id: string; x: number; y: number; w: number; label: string; color: string }

const sameLine = (a: Arrow) => !a.fromOff && !a.toOff && Math.abs(a.y1 - a.y2) < 3;

/** The arrow's path: an arc on one line, else rooms and gutter (lane: which gutter lane). */
export function arrowPath(a: Arrow, lane: number): string {
  if (sameLine(a)) {
    // Both control points at cy: the curve's top, halfway along, is 3/4 of the way up.
    const cy = Math.min(a.y1, a.y2) - ARC_LIFT;
    return `M${a.x1},${a.y1} C${a.x1},${cy} ${a.x2},${cy} ${a.x2},${a.y2}`;
  }
  const g = GUTTER[lane % GUTTER.length], rise = ROOM_Y[lane % ROOM_Y.length];
  const from = a.fromOff ? `M${g},${a.y1}` : `M${a.x1},${a.y1} V${a.y1 - rise} H${g}`;
  const to = a.toOff ? `V${a.y2}` : `V${a.y2 - rise} H${a.x2} V${a.y2}`;
  return `${from} ${to}`;
}

/** Captions of the shown arrows, each in the room of its upper tag (an arc's at its top, a routed path's just
 *  left of the tag, on the path), moved right past any caption it would cover. */
export function placeCaptions(arrows: Arrow[], shown: (a: Arrow) => boolean): Caption[] {
  const out: Caption[] = [];
  for (const a of arrows.filter(shown).sort((p, q) => p.x1 + p.x2 - (q.x1 + q.x2))) {
    const w = a.label.length * CHAR_W + 8;
    let x: number, top: number;
    if (sameLine(a)) { top = Math.min(a.y1, a.y2); x = (a.x1 + a.x2) / 2 - w / 2; }
    else {
      // The upper of the rendered ends.
      const first = a.toOff || (!a.fromOff && a.y1 <= a.y2);
      top = first ? a.y1 : a.y2;
      x = Math.max(0, (first ? a.x1 : a.x2) - w - 6);
    }
    const y = top - ARC_LIFT + ARC_LIFT * 0.25 + 4;
    for (const c of out) if (Math.abs(c.y - y) < 13 && x < c.x + c.w + 4 && c.x < x + w + 4) x = c.x + c.w + 4;
    out.push({ id: a.id, x, y, w, label: a.label, color: a.color });
  }
  return out;
}

export function RelationArrows({ arrows }: { arrows: Arrow[] }) {
  const selectedId = useSelection((s) => s.selected[0] ?? null);
  if (!arrows.length) return null;
  const isShown = (a: Arrow) => selectedId !== null && (a.from === selectedId || a.to === selectedId);
  const captions = placeCaptions(arrows, isShown);
  // Routed paths take the gutter's lanes in turn, so two of them side by side stay apart.
  let routed = 0;
  const lanes = arrows.map((a) => (sameLine(a) ? 0 : routed++));
  return (
    <svg className="tx-arrows" aria-hidden="true">
      <defs>
        <marker id="tx-arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
        </marker>
      </defs>
      {arrows.map((a, i) => (
        <g key={a.id} className={`tx-arrow${isShown(a) ? ' tx-arrow-shown' : ''}`}>
          <path d={arrowPath(a, lanes[i])} stroke={a.color} fill="none" strokeWidth={1.5} strokeLinejoin="round" markerEnd={a.toOff ? undefined : 'url(#tx-arrowhead)'} />
        </g>
      ))}
      {captions.map((c) => (
        <g key={`c${c.id}`} className="tx-arrow-caption">
          <rect x={c.x} y={c.y - 10} width={c.w} height={13} rx={3} className="tx-arrow-tag" stroke={c.color} />
          <text x={c.x + c.w / 2} y={c.y} textAnchor="middle" fill={c.color}>{c.label}</text>
        </g>
      ))}
    </svg>
  );
}
