import { describe, it, expect } from 'vitest';
import type { ModalitySchema } from '../../../shared/domain.ts';
import * as d from './schemaDraft.ts';

const base = (): ModalitySchema => ({
  labels: [1, 2, 3, 4, 5].map((n) => ({ id: `l${n}`, name: `L${n}`, color: '#112233', hotkey: String(n) })),
  attributes: [{ id: 'a', name: 'Note', type: 'text', default: '', labels: ['l2'] }],
  pretagger: [{ label: 'l2', terms: ['x'] }],
});

describe('schema draft edits', () => {
  it('gives labels past the fifth the next free key, and none past the tenth', () => {
    let ms = base();
    for (let i = 0; i < 6; i++) ms = d.addLabel(ms);
    expect(ms.labels.map((l) => l.hotkey)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', undefined]);
    expect(new Set(ms.labels.map((l) => l.id)).size).toBe(11);
  });

  it('renames keep the id, so existing objects follow; moves reorder; removal drops what named the label', () => {
    let ms = d.updateLabel(base(), 1, { name: 'Vehicle', color: '#ff0000' });
    expect(ms.labels[1]).toMatchObject({ id: 'l2', name: 'Vehicle', color: '#ff0000', hotkey: '2' });
    ms = d.moveLabel(ms, 1, -1);
    expect(ms.labels.map((l) => l.id).slice(0, 2)).toEqual(['l2', 'l1']);
    ms = d.removeLabel(ms, 0);
    expect(ms.labels.some((l) => l.id === 'l2')).toBe(false);
    expect(ms.attributes[0].labels).toEqual([]);
    expect(ms.pretagger).toEqual([]);
  });

  it('names what stops a save: duplicate keys or names, empty names, rules without a label', () => {
    let ms = d.updateLabel(base(), 2, { hotkey: '1' });
    ms = d.updateLabel(ms, 3, { name: 'l1' });
    ms = d.updateLabel(ms, 4, { name: '  ' });
    expect(d.schemaProblems(ms)).toEqual(['"L1" and "L3" both use the key 1.', 'Two labels are named "l1".', 'Label 5 has no name.']);
    expect(d.schemaProblems(d.updateRule(base(), 0, { label: 'gone' }))).toEqual(['Pre-tagger rule 1 has no label.']);
  });

  it('keeps an attribute consistent with its type', () => {
    const ms = d.updateAttribute(base(), 0, { type: 'select', options: ['red', 'blue'] });
    expect(ms.attributes[0]).toEqual({ id: 'a', name: 'Note', type: 'select', options: ['red', 'blue'], default: 'red', labels: ['l2'] });
  });

  it('keeps "Undo last save" across reloads only while the schema is what that save wrote', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    const before = { image: base() };
    const after = { image: d.updateLabel(base(), 0, { name: 'Vehicle' }) };
    d.rememberSave('p1', before, after, storage);
    expect(d.savedUndo('p1', after, storage)).toEqual({ before, after });
    // Someone else changed the schema since (another window, the command line): undoing would drop their change.
    expect(d.savedUndo('p1', { image: d.addLabel(after.image) }, storage)).toBeNull();
    expect(d.savedUndo('p2', after, storage)).toBeNull();
    d.forgetUndo('p1', storage);
    expect(d.savedUndo('p1', after, storage)).toBeNull();
  });

  it('relation types: added with a fresh id, renamed, removed; a nameless or repeated name blocks the save', () => {
    let ms = d.addRelation(d.addRelation(base()));
    expect(ms.relations!.map((r) => r.id)).toEqual(['rel-1', 'rel-2']);
    ms = d.updateRelation(ms, 0, { name: 'works for' });
    ms = d.updateRelation(ms, 1, { name: 'Works For' });
    expect(d.schemaProblems(ms)).toContain('Two relation types are named "Works For".');
    ms = d.updateRelation(ms, 1, { name: '' });
    expect(d.schemaProblems(ms)).toContain('Relation type 2 has no name.');
    expect(d.removeRelation(ms, 1).relations!.map((r) => r.name)).toEqual(['works for']);
  });
});
