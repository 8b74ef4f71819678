// The naive baseline the image bench compares against: one Konva layer holding the picture and every shape as a
// Konva.Line (what most canvas annotation tools do). Pan with the middle button, zoom with the wheel, drag a
// vertex of the target polygon. Bundled by the bench with esbuild and served on a fake origin.
import Konva from 'konva';

interface Seed { width: number; height: number; polygons: { points: number[]; color: string }[]; target: number }

declare global { interface Window { naiveReady?: number; naive?: { oneToOne(): void; vertexScreen(): { x: number; y: number } } } }

async function main() {
  const seed = (await (await fetch('/shapes.json')).json()) as Seed;
  const el = document.getElementById('stage') as HTMLDivElement;
  const stage = new Konva.Stage({ container: el, width: el.clientWidth, height: el.clientHeight });
  const layer = new Konva.Layer();
  stage.add(layer);
  const img = new Image();
  img.src = '/image.jpg';
  await img.decode();
  layer.add(new Konva.Image({ image: img, width: seed.width, height: seed.height }));
  const lines = seed.polygons.map((p) => new Konva.Line({ points: p.points, closed: true, stroke: p.color, strokeWidth: 1.5, fill: `${p.color}33` }));
  for (const l of lines) layer.add(l);
  const s = Math.min((stage.width() - 32) / seed.width, (stage.height() - 32) / seed.height);
  stage.scale({ x: s, y: s });
  stage.position({ x: (stage.width() - seed.width * s) / 2, y: (stage.height() - seed.height * s) / 2 });
  layer.draw();
  const target = lines[seed.target];
  let pan: { x: number; y: number; px: number; py: number } | null = null;
  let vertex = false;
  const toImage = (cx: number, cy: number) => {
    const r = el.getBoundingClientRect();
    const sc = stage.scaleX();
    return { x: (cx - r.left - stage.x()) / sc, y: (cy - r.top - stage.y()) / sc };
  };
  el.addEventListener('pointerdown', (e) => {
    if (e.button === 1) { pan = { x: e.clientX, y: e.clientY, px: stage.x(), py: stage.y() }; return; }
    const p = toImage(e.clientX, e.clientY);
    const pts = target.points();
    vertex = Math.hypot(p.x - pts[0], p.y - pts[1]) < 8 / stage.scaleX();
  });
  el.addEventListener('pointermove', (e) => {
    if (pan) { stage.position({ x: pan.px + e.clientX - pan.x, y: pan.py + e.clientY - pan.y }); layer.batchDraw(); return; }
    if (!vertex) return;
    const p = toImage(e.clientX, e.clientY);
    const pts = target.points().slice();
    pts[0] = p.x; pts[1] = p.y;
    target.points(pts);
    layer.batchDraw();
  });
  el.addEventListener('pointerup', () => { pan = null; vertex = false; });
  el.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = el.getBoundingClientRect();
    const sx = e.clientX - r.left, sy = e.clientY - r.top;
    const old = stage.scaleX();
    const next = old * Math.exp(-e.deltaY * 0.0015);
    stage.scale({ x: next, y: next });
    stage.position({ x: sx - ((sx - stage.x()) * next) / old, y: sy - ((sy - stage.y()) * next) / old });
    layer.batchDraw();
  }, { passive: false });
  window.naive = {
    oneToOne() {
      const k = 1 / stage.scaleX();
      const cx = stage.width() / 2, cy = stage.height() / 2;
      stage.scale({ x: 1, y: 1 });
      stage.position({ x: cx - (cx - stage.x()) * k, y: cy - (cy - stage.y()) * k });
      layer.draw();
    },
    vertexScreen() {
      const r = el.getBoundingClientRect();
      const pts = target.points();
      return { x: r.left + stage.x() + pts[0] * stage.scaleX(), y: r.top + stage.y() + pts[1] * stage.scaleX() };
    },
  };
  requestAnimationFrame(() => { window.naiveReady = performance.now(); });
}

void main();
