import { describe, expect, it } from 'vitest';
import { paneColumns } from './paneGrid.ts';

describe('review pane layout', () => {
  it('puts four panes of a landscape picture in a 2×2 grid on a laptop-sized area, where a row of four shows it at half the size', () => {
    expect(paneColumns(4, { width: 755, height: 700 }, { width: 800, height: 533 })).toBe(2);
  });
  it('keeps panes side by side on a wide screen, and stacks a wide picture in a narrow area', () => {
    expect(paneColumns(4, { width: 2400, height: 700 }, { width: 800, height: 533 })).toBe(4);
    expect(paneColumns(2, { width: 400, height: 900 }, { width: 1600, height: 400 })).toBe(1);
  });
  it('gives every pane its own column for tall pictures, and one column for one pane or no size yet', () => {
    expect(paneColumns(3, { width: 1200, height: 700 }, { width: 300, height: 900 })).toBe(3);
    expect(paneColumns(1, { width: 1200, height: 700 }, { width: 300, height: 900 })).toBe(1);
    expect(paneColumns(4, { width: 0, height: 0 }, { width: 800, height: 533 })).toBe(4);
  });
});
