import { describe, expect, it } from 'vitest';
import { HOLD_LIMIT, HOLD_MS, holdKey, setOpeningTask, takeHeldKeys } from './typeAhead.ts';

const key = (k: string, target: unknown = null, repeat = false) => ({ key: k, repeat, target: target as EventTarget | null });
/** A focused button in the queue: not a typing target, not in the workspace. */
const button = { tagName: 'BUTTON', isContentEditable: false, closest: () => null };

describe('keys held while a task opens', () => {
  it('come back in order for the task they were pressed for, once', () => {
    setOpeningTask('t1');
    expect(holdKey(key('2'), '2', 0)).toBe(true);
    expect(holdKey(key('b'), 'B', 10)).toBe(true);
    expect(takeHeldKeys('t1', 20)).toEqual(['2', 'B']);
    expect(takeHeldKeys('t1', 30)).toEqual([]);
  });

  it('are not held when no task is opening, and are dropped when another task opens instead', () => {
    setOpeningTask(null);
    expect(holdKey(key('2'), '2', 0)).toBe(false);
    setOpeningTask('t1');
    holdKey(key('2'), '2', 0);
    setOpeningTask('t2');
    expect(takeHeldKeys('t1', 1)).toEqual([]);
    expect(takeHeldKeys('t2', 1)).toEqual([]);
  });

  it('skip modifiers, auto-repeat, typing, and keys a focused control uses itself', () => {
    setOpeningTask('t1');
    expect(holdKey(key('Shift'), 'Shift+Shift', 0)).toBe(false);
    expect(holdKey(key('b', null, true), 'B', 0)).toBe(false);
    expect(holdKey(key('b', { tagName: 'INPUT', type: 'text', isContentEditable: false }), 'B', 0)).toBe(false);
    expect(holdKey(key('Enter', button), 'Enter', 0)).toBe(false);
    expect(holdKey(key('2', button), '2', 0)).toBe(true);
    expect(takeHeldKeys('t1', 1)).toEqual(['2']);
  });

  it('keep at most HOLD_LIMIT keys and forget those older than HOLD_MS', () => {
    setOpeningTask('t1');
    holdKey(key('1'), '1', 0);
    for (let i = 1; i < HOLD_LIMIT + 5; i++) holdKey(key('2'), '2', HOLD_MS);
    const got = takeHeldKeys('t1', HOLD_MS + 1);
    expect(got).toHaveLength(HOLD_LIMIT - 1);
    expect(got.every((c) => c === '2')).toBe(true);
  });
});
