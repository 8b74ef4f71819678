// Relations drawn as arrows between the label tags of two on-screen spans (an arc above the text). Lines have no
// room between them for a caption, so an arc's label is shown only for the selected span's relations, on an
// opaque tag at the arc's top; every relation is listed with its label in the Relations panel.
export interface Arrow { id: string; from: string; to: string; x1: number; y1: number; x2: number; y2: number; label: string; color: string }

const CHAR_W = 6;

export function RelationArrows({ arrows, selectedId }: { arrows: Arrow[]; selectedId: string | null }) {
  if (!arrows.length) return null;
  return (
    <svg className="tx-arrows" aria-hidden="true">
      <defs>
        <marker id="tx-arrowhead" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
        </marker>
      </defs>
      {arrows.map((a) => {
        const lift = Math.min(40, 14 + Math.abs(a.x2 - a.x1) / 10);
        const cy = Math.min(a.y1, a.y2) - lift;
        const mx = (a.x1 + a.x2) / 2;
        const ty = cy + lift * 0.25;
        const shown = selectedId !== null && (a.from === selectedId || a.to === selectedId);
        const w = a.label.length * CHAR_W + 8;
        return (
          <g key={a.id} className={`tx-arrow${shown ? ' tx-arrow-shown' : ''}`}>
            <path d={`M${a.x1},${a.y1} C${a.x1},${cy} ${a.x2},${cy} ${a.x2},${a.y2}`} stroke={a.color} fill="none" strokeWidth={1.5} markerEnd="url(#tx-arrowhead)" />
            {shown ? (
              <>
                <rect x={mx - w / 2} y={ty - 10} width={w} height={13} rx={3} className="tx-arrow-tag" stroke={a.color} />
                <text x={mx} y={ty} textAnchor="middle" fill={a.color}>{a.label}</text>
              </>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
