import { describe, expect, it } from 'vitest';
import { actionLabel } from './ActionButton.tsx';

describe('action buttons', () => {
  it('are named by the action title and its first key, as the shortcut list shows it', () => {
    expect(actionLabel({ title: 'Loop selected segment', keys: ['L'] })).toBe('Loop selected segment (L)');
    expect(actionLabel({ title: 'Play / pause', keys: ['Space'] }, 'Pause')).toBe('Pause (Space)');
    expect(actionLabel({ title: 'Delete', keys: ['Delete', 'Backspace'] })).toBe('Delete (Del)');
    expect(actionLabel({ title: 'Pre-tag' })).toBe('Pre-tag');
  });
});
