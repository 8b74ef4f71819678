// Relations drawn as labeled arrows between the label tags of two on-screen spans (an arc above the text).
export interface Arrow { id: string; x1: number; y1: number; x2: number; y2: number; label: string; color: string }

export function RelationArrows({ arrows }: { arrows: Arrow[] }) {
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
        return (
          <g key={a.id} className="tx-arrow">
            <path d={`M${a.x1},${a.y1} C${a.x1},${cy} ${a.x2},${cy} ${a.x2},${a.y2}`} stroke={a.color} fill="none" strokeWidth={1.5} markerEnd="url(#tx-arrowhead)" />
            <text x={mx} y={cy + lift * 0.25} textAnchor="middle" fill={a.color}>{a.label}</text>
          </g>
        );
      })}
    </svg>
  );
}
