// Relations drawn as arrows between the label tags of two on-screen spans (an arc above the text). A tag at a
// relation's end lifts its line (.tx-rel-end), and arcs rise only within that room, so they and their captions never
// cover text or other tags. Captions show for the selected span's relations, on an opaque tag at the arc's top;
// every relation is listed with its label in the Relations panel.
import { useSelection } from '../workspace/selection.ts';

export interface Arrow { id: string; from: string; to: string; x1: number; y1: number; x2: number; y2: number; label: string; color: string }

const CHAR_W = 6;
/** How far an arc rises above the higher of its two tags: inside the room .tx-rel-end keeps above them. */
export const ARC_LIFT = 20;

interface Caption { id: string; x: number; y: number; w: number; label: string; color: string }

/** Captions of the shown arcs, each at its arc's top, moved right past any caption it would cover (two relations
 *  between the same pair of lines have tops at nearly the same place). */
export function placeCaptions(arrows: Arrow[], shown: (a: Arrow) => boolean): Caption[] {
  const out: Caption[] = [];
  for (const a of arrows.filter(shown).sort((p, q) => p.x1 + p.x2 - (q.x1 + q.x2))) {
    const w = a.label.length * CHAR_W + 8;
    const y = Math.min(a.y1, a.y2) - ARC_LIFT + ARC_LIFT * 0.25 + 4;
    let x = (a.x1 + a.x2) / 2 - w / 2;
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
  return (
    <svg className="tx-arrows" aria-hidden="true">
      <defs>
        <marker id="tx-arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
        </marker>
      </defs>
      {arrows.map((a) => {
        // Both control points at cy: the curve's top, halfway along, is 3/4 of the way up.
        const cy = Math.min(a.y1, a.y2) - ARC_LIFT;
        return (
          <g key={a.id} className={`tx-arrow${isShown(a) ? ' tx-arrow-shown' : ''}`}>
            <path d={`M${a.x1},${a.y1} C${a.x1},${cy} ${a.x2},${cy} ${a.x2},${a.y2}`} stroke={a.color} fill="none" strokeWidth={1.5} markerEnd="url(#tx-arrowhead)" />
          </g>
        );
      })}
      {captions.map((c) => (
        <g key={`c${c.id}`} className="tx-arrow-caption">
          <rect x={c.x} y={c.y - 10} width={c.w} height={13} rx={3} className="tx-arrow-tag" stroke={c.color} />
          <text x={c.x + c.w / 2} y={c.y} textAnchor="middle" fill={c.color}>{c.label}</text>
        </g>
      ))}
    </svg>
  );
}
