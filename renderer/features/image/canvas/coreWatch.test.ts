import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchCore } from './coreWatch.ts';

describe('watchCore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says nothing while the core answers, says so once it stops, and again when it is back; stops asking when told', async () => {
    let answering = true;
    const asked: number[] = [];
    const seen: boolean[] = [];
    const stop = watchCore((down) => seen.push(down), { stallMs: 1000, everyMs: 500, answers: async () => { asked.push(Date.now()); return answering; } });
    await vi.advanceTimersByTimeAsync(999);
    expect(asked).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual([]);
    answering = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toEqual([true]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual([true]);
    answering = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toEqual([true, false]);
    stop();
    const n = asked.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked).toHaveLength(n);
  });
});
