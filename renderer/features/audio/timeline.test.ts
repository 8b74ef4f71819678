// The timeline's arithmetic and gestures, without a browser: zoom keeps the time under the cursor, scrolling stays
// inside the file, and a press becomes a seek, a new segment or an edge drag as a user would expect.
import { describe, expect, it } from 'vitest';
import { WaveView, tickStep, formatTick } from './waveView.ts';
import { buildIndex } from './segmentIndex.ts';
import { LANE_H, RULER_H, WAVE_H } from './drawTimeline.ts';
import { moveTo, pressAt, type GestureContext } from './timelineInput.ts';
import type { Segment } from './segmentModel.ts';

function view(duration = 600, width = 1000): WaveView {
  const v = new WaveView(duration);
  v.setWidth(width);
  return v;
}

describe('WaveView', () => {
  it('zooms to the cursor: the time under the anchor stays put', () => {
    const v = view();
    v.zoomTo(100, 0);
    v.scrollTo(100);
    const t = v.timeAt(400);
    v.zoomTo(250, 400);
    expect(v.timeAt(400)).toBeCloseTo(t, 9);
    expect(v.pxPerSec).toBe(250);
  });
  it('never scrolls before 0 or past the end, and never zooms out past the whole file', () => {
    const v = view(600, 1000);
    v.zoomTo(100);
    v.scrollTo(-50);
    expect(v.start).toBe(0);
    v.scrollTo(1e9);
    expect(v.end).toBeCloseTo(600, 9);
    v.zoomTo(0.0001);
    expect(v.pxPerSec).toBeCloseTo(1000 / 600, 9);
    expect(v.start).toBe(0);
  });
  it('reveals a span that is out of view with a margin, and leaves a visible one alone', () => {
    const v = view();
    v.zoomTo(100, 0);
    v.reveal(2, 3);
    expect(v.start).toBe(0);
    v.reveal(300, 301);
    expect(v.start).toBeLessThan(300);
    expect(v.end).toBeGreaterThan(301);
  });
  it('spaces ruler labels at least 90 px apart with readable times', () => {
    expect(tickStep(100)).toBe(1);
    expect(tickStep(1)).toBe(120);
    expect(formatTick(3725, 60)).toBe('1:02:05');
    expect(formatTick(1.5, 0.5)).toBe('0:01.5');
  });
});

describe('timeline gestures', () => {
  const seg = (id: string, start: number, end: number, tier: string, locked = false): Segment => ({ id, start, end, tier, label: 'speech', origin: 'human', locked, hidden: false, transcript: '' });
  const tiers = [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }];
  const laneY = (i: number) => RULER_H + WAVE_H + LANE_H * i + LANE_H / 2;
  function ctx(segs: Segment[], editable = true): GestureContext {
    const v = view(60, 1000);
    v.zoomTo(100, 0); // 100 px per second from 0 s
    return { index: buildIndex(segs), view: v, tiers, activeTier: 'a', selectedId: null, currentLabel: 'music', editable };
  }

  it('the ruler seeks; a drag in a lane draws a segment on that lane with the current label', () => {
    const c = ctx([]);
    expect(pressAt(300, 5, c)).toEqual({ kind: 'seeking' });
    let g = pressAt(100, laneY(1), c)!;
    expect(g.kind).toBe('pressing');
    g = moveTo(g, 102, c);
    expect(g.kind).toBe('pressing'); // a few pixels are still a click
    g = moveTo(g, 350, c);
    expect(g.kind).toBe('creating');
    if (g.kind !== 'creating') return;
    expect(g.preview).toMatchObject({ start: 1, end: 3.5, tier: 'b', label: 'music' });
    // Dragging backwards works too.
    g = moveTo(g, 50, c);
    if (g.kind === 'creating') expect(g.preview).toMatchObject({ start: 0.5, end: 1 });
  });

  it('a press near an edge resizes that segment; locked segments cannot be resized', () => {
    const c = ctx([seg('s', 2, 4, 'a'), seg('l', 6, 8, 'a', true)]);
    const g = pressAt(403, laneY(0), c)!;
    expect(g).toMatchObject({ kind: 'resizing', edge: 'end' });
    const moved = moveTo(g, 500, c);
    if (moved.kind === 'resizing') expect(moved.preview).toMatchObject({ start: 2, end: 5 });
    expect(pressAt(601, laneY(0), c)).toMatchObject({ kind: 'pressing', onSegment: { id: 'l' } });
    expect(pressAt(300, laneY(0), c)).toMatchObject({ kind: 'pressing', onSegment: { id: 's' } });
  });

  it('dragging a segment body moves the whole segment, keeping its length, inside the file', () => {
    const c = ctx([seg('s', 2, 4, 'a'), seg('l', 6, 8, 'a', true)]);
    let g = pressAt(300, laneY(0), c)!; // 3 s, the middle of s
    g = moveTo(g, 302, c);
    expect(g.kind).toBe('pressing'); // a few pixels are still a click (select)
    g = moveTo(g, 450, c);
    expect(g).toMatchObject({ kind: 'moving', preview: { id: 's', start: 3.5, end: 5.5, tier: 'a' } });
    // Past the start of the file it stops at 0 with the same length; past the end it stops at the duration (60 s).
    expect(moveTo(g, -500, c)).toMatchObject({ preview: { start: 0, end: 2 } });
    expect(moveTo(g, 99_999, c)).toMatchObject({ preview: { start: 58, end: 60 } });
    // Shift+drag over a segment draws a new overlapping one; a locked segment is not moved (the drag draws).
    expect(moveTo(pressAt(300, laneY(0), c, true)!, 450, c)).toMatchObject({ kind: 'creating', preview: { start: 3, end: 4.5 } });
    expect(moveTo(pressAt(700, laneY(0), c)!, 760, c)).toMatchObject({ kind: 'creating' });
  });

  it('on a task that cannot be edited, a drag draws, moves and resizes nothing; a click still selects and the ruler seeks', () => {
    const c = ctx([seg('s', 2, 4, 'a')], false);
    expect(pressAt(398, laneY(0), c)).toMatchObject({ kind: 'pressing', onSegment: { id: 's' } }); // no edge handle
    for (const [x0, shift] of [[300, false], [300, true], [100, false], [398, false]] as const) {
      let g = pressAt(x0, laneY(0), c, shift)!;
      expect(moveTo(g, x0 + 2, c)).toMatchObject({ kind: 'pressing' }); // still a click
      g = moveTo(g, x0 + 150, c);
      expect(g).toEqual({ kind: 'refused' });
      expect(moveTo(g, x0 + 300, c)).toEqual({ kind: 'refused' });
    }
    expect(pressAt(300, 5, c)).toEqual({ kind: 'seeking' });
  });
});
