// How to lay out the panes of an image under review: three versions and the consensus side by side on a laptop
// screen make four tall, narrow panes in which a landscape picture shows at a fraction of the size a 2×2 grid gives.
// The columns are chosen to show the picture largest in the room there is.

export interface Size { width: number; height: number }

/** Pixels of a pane that are not picture: its title bar and border, and the gap between panes. */
export const PANE_CHROME = { title: 26, gap: 4 };

/** The number of columns (1..n) that shows an image of `image` size largest in each of n panes filling `area`;
 *  on a tie, more columns (side by side reads best when comparing). */
export function paneColumns(n: number, area: Size, image: Size): number {
  if (n <= 1 || area.width <= 0 || area.height <= 0 || image.width <= 0 || image.height <= 0) return Math.max(1, n);
  let best = n;
  let bestScale = -Infinity;
  for (let cols = n; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const w = (area.width - PANE_CHROME.gap * (cols + 1)) / cols;
    const h = (area.height - PANE_CHROME.gap * (rows + 1)) / rows - PANE_CHROME.title;
    const scale = Math.min(w / image.width, h / image.height);
    if (scale > bestScale * 1.0001) {
      bestScale = scale;
      best = cols;
    }
  }
  return best;
}
