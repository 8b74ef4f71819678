import { afterEach, describe, expect, it, vi } from 'vitest';
import { ViewState, linkViews, REST_MS } from './viewState.ts';

afterEach(() => { vi.useRealTimers(); });

describe('view state', () => {
  it('fits the image on the first layout, then keeps the view on a resize', () => {
    const v = new ViewState({ width: 1000, height: 500 });
    v.resize(532, 532);
    // 500 CSS pixels for 1000 image pixels, centred vertically.
    expect(v.view.scale).toBeCloseTo(0.5);
    expect(v.view.ty).toBeCloseTo((532 - 250) / 2);
    v.set({ scale: 2, tx: -100, ty: -50 }, false);
    v.resize(800, 600);
    expect(v.view).toEqual({ scale: 2, tx: -100, ty: -50 });
  });

  it('counts as moving during a gesture and tells its observers when it rests', () => {
    vi.useFakeTimers();
    const v = new ViewState({ width: 100, height: 100 });
    const seen: boolean[] = [];
    v.subscribe((_, moving) => seen.push(moving));
    v.set({ scale: 1, tx: 5, ty: 0 });
    v.set({ scale: 1, tx: 10, ty: 0 });
    expect(v.moving).toBe(true);
    vi.advanceTimersByTime(REST_MS + 1);
    expect(v.moving).toBe(false);
    expect(seen).toEqual([true, true, false]);
  });

  it('reveals bounds out of view and leaves the view alone when they are in it', () => {
    const v = new ViewState({ width: 4000, height: 3000 });
    v.resize(400, 300);
    v.set({ scale: 1, tx: 0, ty: 0 }, false);
    v.reveal({ minX: 10, minY: 10, maxX: 50, maxY: 50 });
    expect(v.view).toEqual({ scale: 1, tx: 0, ty: 0 });
    v.reveal({ minX: 3000, minY: 2000, maxX: 3100, maxY: 2100 });
    // The centre of the bounds is now the centre of the viewport.
    expect(3050 * v.view.scale + v.view.tx).toBeCloseTo(200);
    expect(2050 * v.view.scale + v.view.ty).toBeCloseTo(150);
  });
});

describe('linked views', () => {
  it('pans and zooms every pane together, and unlinking stops it', () => {
    const a = new ViewState({ width: 800, height: 600 });
    const b = new ViewState({ width: 800, height: 600 });
    const c = new ViewState({ width: 800, height: 600 });
    const unlink = linkViews([a, b, c]);
    b.set({ scale: 3, tx: -40, ty: 12 }, false);
    expect(a.view).toEqual({ scale: 3, tx: -40, ty: 12 });
    expect(c.view).toEqual({ scale: 3, tx: -40, ty: 12 });
    c.zoomCentered(2);
    expect(a.view).toEqual(c.view);
    expect(b.view).toEqual(c.view);
    unlink();
    a.set({ scale: 1, tx: 0, ty: 0 }, false);
    expect(b.view).toEqual(c.view);
    expect(b.view.scale).toBe(6);
  });

  it('a gesture in one pane makes the others move and rest with it', () => {
    vi.useFakeTimers();
    const a = new ViewState({ width: 800, height: 600 });
    const b = new ViewState({ width: 800, height: 600 });
    linkViews([a, b]);
    let bEvents = 0;
    b.subscribe(() => bEvents++);
    a.set({ scale: 1, tx: 30, ty: 0 });
    expect(b.moving).toBe(true);
    vi.advanceTimersByTime(REST_MS + 1);
    expect(b.moving).toBe(false);
    expect(b.view).toEqual({ scale: 1, tx: 30, ty: 0 });
    // One move and one rest, no echo back and forth.
    expect(bEvents).toBe(2);
  });
});
