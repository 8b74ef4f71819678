import { describe, expect, it } from 'vitest';
import type { LabelDef } from '../../../shared/domain.ts';
import { labelActions, labelWithKey, withDefaultHotkeys } from './labelActions.ts';

const label = (id: string, hotkey?: string): LabelDef => ({ id, name: id.toUpperCase(), color: '#ffffff', hotkey });

describe('label keys', () => {
  it('gives 1..9, 0 to the first ten labels of a schema that names no keys', () => {
    const labels = withDefaultHotkeys(Array.from({ length: 12 }, (_, i) => label(`l${i}`)));
    expect(labels.map((l) => l.hotkey)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', undefined, undefined]);
  });
  it('keeps the keys a schema names, and leaves its labels as they are', () => {
    const own = [label('a', 'Q'), label('b')];
    expect(withDefaultHotkeys(own)).toBe(own);
  });
  it('builds one action per keyed label that picks that label', () => {
    const picked: [string, number][] = [];
    const actions = labelActions([label('a', '1'), label('b'), label('c', '2')], 'audio', 'Audio labels', (id, i) => picked.push([id, i]));
    expect(actions.map((a) => [a.id, a.title, a.keys])).toEqual([['audio.label.a', 'Label: A', ['1']], ['audio.label.c', 'Label: C', ['2']]]);
    void actions[1].run();
    expect(picked).toEqual([['c', 2]]);
  });
  it('names a label with its key for buttons', () => {
    expect(labelWithKey(label('a', '1'))).toBe('A (1)');
    expect(labelWithKey(label('b'))).toBe('B');
  });
});
