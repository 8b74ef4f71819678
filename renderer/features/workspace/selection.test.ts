import { describe, expect, it } from 'vitest';
import { resetSelection, revealObject, selectOne, selectedId, setCurrentLabel, setSelection, stepIndex, useSelection } from './selection.ts';

describe('Tab order (stepIndex)', () => {
  it('starts at the first object going forward and at the last going back', () => {
    expect(stepIndex(-1, 4, 1)).toBe(0);
    expect(stepIndex(-1, 4, -1)).toBe(3);
  });
  it('wraps at both ends, as in every workspace', () => {
    expect(stepIndex(3, 4, 1)).toBe(0);
    expect(stepIndex(0, 4, -1)).toBe(3);
    expect(stepIndex(1, 4, 1)).toBe(2);
  });
  it('has nowhere to go without objects, and treats a vanished position as none', () => {
    expect(stepIndex(-1, 0, 1)).toBeNull();
    expect(stepIndex(7, 3, 1)).toBe(0);
  });
});

describe('the shared selection slice', () => {
  it('notifies only when the selection really changes', () => {
    setSelection(['a', 'b']);
    let calls = 0;
    const off = useSelection.subscribe(() => calls++);
    setSelection(['a', 'b']);
    expect(calls).toBe(0);
    setSelection(['b']);
    expect(calls).toBe(1);
    expect(selectedId()).toBe('b');
    off();
  });
  it('reveals on request, and a repeated request for the same object still counts', () => {
    selectOne('x', true);
    const first = useSelection.getState().reveal;
    expect(first?.id).toBe('x');
    revealObject('x');
    expect(useSelection.getState().reveal).not.toBe(first);
    expect(useSelection.getState().reveal?.id).toBe('x');
    selectOne(null);
    expect(useSelection.getState().selected).toEqual([]);
  });
  it('keeps the current label across tasks when the schema still has it, else takes the first', () => {
    setCurrentLabel('car');
    setSelection(['a']);
    resetSelection([{ id: 'person' }, { id: 'car' }]);
    expect(useSelection.getState()).toMatchObject({ selected: [], currentLabel: 'car', reveal: null });
    resetSelection([{ id: 'speech' }]);
    expect(useSelection.getState().currentLabel).toBe('speech');
    resetSelection([]);
    expect(useSelection.getState().currentLabel).toBeNull();
  });
});
