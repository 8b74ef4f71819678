import { describe, expect, it } from 'vitest';
import type { AnnotationObject } from '../../../../shared/domain.ts';
import { drawOverlay, type OverlayInput, type Pen, type ScreenRect } from './overlay.ts';

function obj(id: string, kind: 'box' | 'polygon', geometry: unknown): AnnotationObject {
  return { id, taskId: 't', kind, label: 'car', geometry, attributes: {}, origin: 'human', z: 0, hidden: false, locked: false, revision: 1, updatedAt: 0 } as AnnotationObject;
}

/** A pen that records the extent of every mark, each point widened by how far its mark reaches past it. */
function recordingPen() {
  const marks = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  let reach = 0;
  const add = (x: number, y: number, r = 0) => {
    const d = r + reach;
    marks.x0 = Math.min(marks.x0, x - d); marks.x1 = Math.max(marks.x1, x + d);
    marks.y0 = Math.min(marks.y0, y - d); marks.y1 = Math.max(marks.y1, y + d);
  };
  const noop = () => {};
  const pen = {
    fillStyle: '', strokeStyle: '', globalAlpha: 1, imageSmoothingEnabled: true,
    // A stroke reaches half its width past the path, antialiasing one pixel more.
    get lineWidth() { return reach * 2 - 2; },
    set lineWidth(w: number) { reach = w / 2 + 1; },
    beginPath: noop, closePath: noop, fill: noop, stroke: noop, setLineDash: noop,
    moveTo: (x: number, y: number) => add(x, y), lineTo: (x: number, y: number) => add(x, y),
    rect: (x: number, y: number, w: number, h: number) => { add(x, y); add(x + w, y + h); },
    fillRect: (x: number, y: number, w: number, h: number) => { add(x, y); add(x + w, y + h); },
    strokeRect: (x: number, y: number, w: number, h: number) => { add(x, y); add(x + w, y + h); },
    arc: (x: number, y: number, r: number) => add(x, y, r),
    drawImage: noop,
  } as unknown as Pen;
  return { pen, marks };
}

function input(over: Partial<OverlayInput>): OverlayInput {
  return { view: { scale: 2, tx: 30, ty: -10 }, selected: [], lingering: [], hovered: null, previews: new Map(), draft: null, activeVertex: 1, colorOf: () => '#f00', drawColor: '#0f0', fillOpacity: 0.3, ...over };
}

function expectInside(marks: ScreenRect, r: ScreenRect | null) {
  expect(r).not.toBeNull();
  expect(r!.x0).toBeLessThanOrEqual(marks.x0);
  expect(r!.y0).toBeLessThanOrEqual(marks.y0);
  expect(r!.x1).toBeGreaterThanOrEqual(marks.x1);
  expect(r!.y1).toBeGreaterThanOrEqual(marks.y1);
}

describe('drawOverlay', () => {
  it('returns a rectangle that holds every mark it drew (the live canvas is fitted to it)', () => {
    const poly = obj('p', 'polygon', { points: [100, 100, 160, 90, 150, 170] });
    const box = obj('b', 'box', { x: 10, y: 20, w: 30, h: 40 });
    const cases: Partial<OverlayInput>[] = [
      // one selected polygon with handles, dragged to a preview far from where it was stored
      { selected: [poly], previews: new Map([['p', { points: [100, 100, 400, 380, 150, 170] }]]) },
      { selected: [box] },
      { hovered: box, lingering: [poly] },
      // a polygon being drawn, its rubber band to the cursor and its large closing handle
      { draft: { kind: 'polygon', points: [50, 50, 90, 60], cursor: { x: 300, y: 5 }, closable: true } },
      { draft: { kind: 'box', x: 200, y: 200, w: -80, h: -60 } },
      { draft: { kind: 'marquee', x: 0, y: 0, w: 500, h: 300 } },
    ];
    for (const c of cases) {
      const { pen, marks } = recordingPen();
      expectInside(marks, drawOverlay(pen, input(c)));
    }
  });

  it('returns null when it drew nothing (the live canvas is hidden)', () => {
    const { pen } = recordingPen();
    expect(drawOverlay(pen, input({}))).toBeNull();
    expect(drawOverlay(pen, input({ selected: [{ ...obj('p', 'polygon', { points: [1, 1, 5, 1, 5, 5] }), hidden: true }] }))).toBeNull();
  });
});
