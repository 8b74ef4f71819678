// Pointer gestures on the timeline as a small state machine: idle → pressing → creating | resizing | moving | seeking.
// A press that does not move is a click (seek, or select the segment under it); Escape abandons a drag without
// leaving anything in the undo history (nothing is written until the pointer is released). Dragging a segment's
// body moves the whole segment, keeping its length (as wavesurfer's regions, Label Studio and Audacity's labels do);
// Shift+drag over a segment draws a new, overlapping one instead. On an exclusive tier a moved segment, a dragged
// edge and a new segment stop at the neighbours (tierLimits.ts).
import type { TierDef } from '../../../shared/domain.ts';
import { RULER_H, WAVE_H, LANE_H } from './drawTimeline.ts';
import { forEachVisible, segmentAt, type SegmentIndex } from './segmentIndex.ts';
import type { Segment } from './segmentModel.ts';
import type { WaveView } from './waveView.ts';
import { edgeWithin, gapAround, isExclusive, shiftedWithin, type Gap } from './tierLimits.ts';

export type Zone = { kind: 'ruler' } | { kind: 'wave' } | { kind: 'lane'; tier: string } | { kind: 'none' };

export type Gesture =
  | { kind: 'pressing'; x0: number; tier: string; onSegment: Segment | null; draw?: boolean }
  // `gap`: the free room on the tier, found on the gesture's first move and kept (the neighbours do not change
  // during one drag, and finding them is not free on a long tier)
  | { kind: 'creating'; tier: string; anchor: number; preview: Segment; gap?: Gap }
  | { kind: 'resizing'; seg: Segment; edge: 'start' | 'end'; preview: Segment; gap?: Gap }
  | { kind: 'moving'; seg: Segment; grab: number; preview: Segment; gap?: Gap }
  | { kind: 'seeking' }
  // a drag on a task that cannot be edited (submitted, or still opening): nothing is drawn, the release does nothing
  | { kind: 'refused' };

export const EDGE_PX = 6;
const MOVE_PX = 4;

export function zoneAt(y: number, tiers: TierDef[]): Zone {
  if (y < RULER_H) return { kind: 'ruler' };
  if (y < RULER_H + WAVE_H) return { kind: 'wave' };
  const i = Math.floor((y - RULER_H - WAVE_H) / LANE_H);
  return i >= 0 && i < tiers.length ? { kind: 'lane', tier: tiers[i].id } : { kind: 'none' };
}

/** An editable segment edge within EDGE_PX of x on the tier (the selected segment wins ties). */
export function edgeAt(index: SegmentIndex, view: WaveView, tier: string, x: number, selectedId: string | null): { seg: Segment; edge: 'start' | 'end' } | null {
  const t = view.timeAt(x);
  const tol = EDGE_PX / view.pxPerSec;
  let best: { seg: Segment; edge: 'start' | 'end'; d: number } | null = null;
  forEachVisible(index, tier, t - tol, t + tol, (s) => {
    if (s.locked) return;
    for (const edge of ['start', 'end'] as const) {
      const d = Math.abs(s[edge] - t) * view.pxPerSec - (s.id === selectedId ? 0.5 : 0);
      if (d <= EDGE_PX && (!best || d < best.d)) best = { seg: s, edge, d };
    }
  });
  return best;
}

export interface GestureContext {
  index: SegmentIndex;
  view: WaveView;
  tiers: TierDef[];
  activeTier: string;
  selectedId: string | null;
  currentLabel: string;
  /** False on a task that cannot be edited now: a drag makes, moves and resizes nothing. */
  editable: boolean;
}

/** `draw`: the press draws a new segment even over an existing one (Shift held). */
export function pressAt(x: number, y: number, c: GestureContext, draw = false): Gesture | null {
  const zone = zoneAt(y, c.tiers);
  if (zone.kind === 'ruler') return { kind: 'seeking' };
  if (zone.kind === 'wave') return { kind: 'pressing', x0: x, tier: c.activeTier, onSegment: null };
  if (zone.kind !== 'lane') return null;
  const edge = c.editable ? edgeAt(c.index, c.view, zone.tier, x, c.selectedId) : null;
  if (edge) return { kind: 'resizing', seg: edge.seg, edge: edge.edge, preview: edge.seg };
  return { kind: 'pressing', x0: x, tier: zone.tier, onSegment: segmentAt(c.index, zone.tier, c.view.timeAt(x)), ...(draw ? { draw } : {}) };
}

/** The gesture after the pointer moved to x. */
export function moveTo(g: Gesture, x: number, c: GestureContext): Gesture {
  const t = clampTime(c.view.timeAt(x), c.view.duration);
  const gap = (s: Pick<Segment, 'id' | 'start' | 'end' | 'tier'>) => gapAround(c.index, s, c.view.duration, isExclusive(c.tiers, s.tier));
  if (g.kind === 'pressing') {
    if (Math.abs(x - g.x0) < MOVE_PX) return g;
    if (!c.editable) return { kind: 'refused' };
    const seg = g.onSegment;
    if (seg && !seg.locked && !g.draw) return moveTo({ kind: 'moving', seg, grab: c.view.timeAt(g.x0) - seg.start, preview: seg }, x, c);
    const anchor = clampTime(c.view.timeAt(g.x0), c.view.duration);
    return moveTo({ kind: 'creating', tier: g.tier, anchor, preview: draft(anchor, anchor, g.tier, c.currentLabel) }, x, c);
  }
  if (g.kind === 'creating') {
    const room = g.gap ?? gap({ id: '__draft__', start: g.anchor, end: g.anchor, tier: g.tier });
    return { ...g, gap: room, preview: draft(g.anchor, edgeWithin(t, room), g.tier, c.currentLabel) };
  }
  if (g.kind === 'resizing') {
    const room = g.gap ?? gap(g.seg);
    const other = g.edge === 'start' ? g.seg.end : g.seg.start;
    const e = edgeWithin(t, room);
    return { ...g, gap: room, preview: { ...g.seg, start: Math.min(other, e), end: Math.max(other, e) } };
  }
  if (g.kind === 'moving') {
    const room = g.gap ?? gap(g.seg);
    return { ...g, gap: room, preview: shiftedWithin(g.seg, c.view.timeAt(x) - g.grab, room) };
  }
  return g;
}

function draft(a: number, b: number, tier: string, label: string): Segment {
  return { id: '__draft__', start: Math.min(a, b), end: Math.max(a, b), tier, label, origin: 'human', locked: false, hidden: false, transcript: '' };
}

export function clampTime(t: number, duration: number): number {
  return Math.max(0, Math.min(duration, t));
}
