import { beforeEach, describe, expect, it } from 'vitest';
import { HOLD_LIMIT, HOLD_MS, cancelHeldKeys, holdKey, holdingKeys, setMovesPending, setOpeningTask, takeHeldKeys } from './typeAhead.ts';

const key = (k: string, target: unknown = null, repeat = false) => ({ key: k, repeat, target: target as EventTarget | null });
/** A focused button in the queue: not a typing target, not in the workspace. */
const button = { tagName: 'BUTTON', isContentEditable: false, closest: () => null };

beforeEach(() => { cancelHeldKeys(); setMovesPending(0); });

describe('keys held for the next task', () => {
  it('are held from the moment a move is asked (the old task is still shown) and run once the move has landed', () => {
    expect(holdingKeys()).toBe(false);
    setMovesPending(1);
    expect(holdKey(key('2'), '2', 0)).toBe(true);
    setOpeningTask('t2');
    expect(holdKey(key('b'), 'B', 10)).toBe(true);
    setMovesPending(0);
    expect(takeHeldKeys('t2', 20)).toEqual(['2', 'B']);
    expect(takeHeldKeys('t2', 30)).toEqual([]);
    expect(holdingKeys()).toBe(false);
  });

  it('wait through a chain of moves: F, F, 2 gives the 2 to where the second F lands', () => {
    setMovesPending(2);
    holdKey(key('2'), '2', 0);
    setOpeningTask('t2');
    setMovesPending(1);
    // the first task's tool mounts while the second move is on its way: it gets nothing
    expect(takeHeldKeys('t2', 5)).toEqual([]);
    setOpeningTask('t3');
    setMovesPending(0);
    expect(takeHeldKeys('t2', 6)).toEqual([]);
    expect(takeHeldKeys('t3', 7)).toEqual(['2']);
  });

  it('are not held when nothing moves, and are dropped when the workspace goes away', () => {
    expect(holdKey(key('2'), '2', 0)).toBe(false);
    setOpeningTask('t1');
    holdKey(key('2'), '2', 0);
    cancelHeldKeys();
    expect(takeHeldKeys('t1', 1)).toEqual([]);
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
