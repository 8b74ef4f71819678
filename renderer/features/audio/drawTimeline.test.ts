// Painting a lane of many segments zoomed out: every stretch of the lane that has segments still shows a mark, but
// the number of rectangles painted is bounded by the lane's width, not by how many segments there are.
import { describe, expect, it } from 'vitest';
import { drawFrame, laneTop, type FrameInput } from './drawTimeline.ts';
import { buildIndex } from './segmentIndex.ts';
import type { Segment } from './segmentModel.ts';
import { WaveView } from './waveView.ts';

/** A 2D context that records the rectangles filled in the lanes (canvas is not in Node; this only counts). */
function recorder() {
  const rects: { x: number; y: number; w: number }[] = [];
  const ctx = new Proxy({} as Record<string, unknown>, {
    get(target, key) {
      if (key === 'fillRect') return (x: number, y: number, w: number) => rects.push({ x, y, w });
      if (key in target) return target[key as string];
      return () => undefined;
    },
    set(target, key, v) {
      target[key as string] = v;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, rects };
}

describe('drawing lanes', () => {
  it('50,000 segments over a 1,000-px lane paint at most one mark per 2 px, with no gap where segments are', () => {
    const view = new WaveView(36_000); // ten hours fitted to 1,000 px
    view.setWidth(1000);
    view.zoomTo(0);
    const segs: Segment[] = [];
    for (let i = 0; i < 50_000; i++) segs.push({ id: `s${i}`, start: i * 0.6, end: i * 0.6 + 0.4, tier: 'a', label: 'speech', origin: 'human', locked: false, hidden: false, transcript: '' });
    const { ctx, rects } = recorder();
    const f: FrameInput = {
      view, peaks: null, spectrogram: null, showSpectrogram: false, sampleRate: 16000, index: buildIndex(segs), tiers: [{ id: 'a', name: 'A' }], activeTier: 'a',
      labelColor: () => '#ff0000', labelName: (l) => l, selectedId: 's25000', playhead: 0, hoverX: null, pendingStart: null, preview: null, dark: true,
    };
    drawFrame(ctx, f);
    const marks = rects.filter((r) => r.y === laneTop(0) + 3);
    expect(marks.length).toBeLessThan(600);
    // Segments cover 0 … 30,000 s = 0 … 833 px: every 3-px stretch there has a mark.
    const covered = new Uint8Array(1000);
    for (const r of marks) for (let x = Math.floor(r.x); x < r.x + r.w && x < 1000; x++) covered[Math.max(0, x)] = 1;
    for (let x = 0; x < 830; x += 3) expect(covered[x] || covered[x + 1] || covered[x + 2]).toBe(1);
  });
});
