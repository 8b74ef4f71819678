// Windowing for a scrolling list of fixed-height rows: only the rows in view (plus a margin) are rendered, so a
// list of 100,000 rows scrolls like one of ten. Used by the task queue and the text workspace's span list.
import { useLayoutEffect, useRef, useState } from 'react';

export interface VirtualRows<E extends HTMLElement> {
  /** Attach to the scrolling element. */
  ref: React.RefObject<E | null>;
  /** Attach as the scrolling element's onScroll. */
  onScroll: (e: React.UIEvent<E>) => void;
  /** Rows [first, last) are the ones to render. */
  first: number;
  last: number;
  /** The viewport last measured (a new object after every scroll or resize). */
  viewport: { top: number; height: number };
}

/** count rows of rowHeight px; overscan rows above and below the view; initialHeight until the box is measured. */
export function useVirtualRows<E extends HTMLElement>(count: number, rowHeight: number, overscan: number, initialHeight: number): VirtualRows<E> {
  const ref = useRef<E>(null);
  const [viewport, setViewport] = useState({ top: 0, height: initialHeight });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const onScroll = (e: React.UIEvent<E>) => setViewport({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight });
  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowHeight) + overscan);
  return { ref, onScroll, first, last, viewport };
}
