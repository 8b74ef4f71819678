import { describe, expect, it } from 'vitest';
import { defaultSegmentLabel, isSegment, readSegment, segmentGeometry, segmentObject, segmentProblem } from './segment.ts';

const obj = (geometry: unknown, extra: object = {}) => ({ id: 's1', kind: 'segment', label: 'speech', geometry, attributes: { transcript: 'hi' }, origin: 'human' as const, locked: false, hidden: false, ...extra });

describe('segments', () => {
  it('are built ordered and rounded to the microsecond, whichever way they were dragged', () => {
    expect(segmentGeometry(2.00000049, 1.1234567, 'a')).toEqual({ start: 1.123457, end: 2, tier: 'a' });
    expect(segmentObject({ id: 'x', z: 3, start: 1, end: 0.5, tier: 'a', label: 'speech', origin: 'model', transcript: '' }))
      .toEqual({ id: 'x', kind: 'segment', label: 'speech', geometry: { start: 0.5, end: 1, tier: 'a' }, attributes: { transcript: '' }, origin: 'model', z: 3, hidden: false, locked: false });
  });
  it('are read into one flat form, and anything else is left alone', () => {
    expect(readSegment(obj({ start: 1, end: 2, tier: 'a' }))).toEqual({ id: 's1', start: 1, end: 2, tier: 'a', label: 'speech', origin: 'human', locked: false, hidden: false, transcript: 'hi' });
    expect(readSegment(obj({ start: 1, end: 2 }))?.tier).toBe('');
    expect(readSegment(obj({ start: 2, end: 1, tier: 'a' }))).toBeNull();
    expect(readSegment(obj({ start: '1', end: 2, tier: 'a' }))).toBeNull();
    expect(readSegment(obj({ start: 1, end: 2, tier: 'a' }, { kind: 'span' }))).toBeNull();
    expect(isSegment({ start: 0, end: Infinity, tier: 'a' })).toBe(false);
  });
  it('name the field that is wrong', () => {
    expect(segmentProblem({ start: 0, end: 1, tier: 'a' })).toBeNull();
    expect(segmentProblem({ start: 0, end: 1, tier: 'a' }, 0.5)?.message).toBe('geometry.end (1 s) is past the end of the recording (0.5 s)');
    expect(segmentProblem({ start: 'x', end: 1, tier: 'a' })).toEqual({ field: 'geometry.start', message: 'geometry.start must be a finite number of seconds (got "x")' });
    expect(segmentProblem({ start: -0.1, end: 1, tier: 'a' })?.field).toBe('geometry.start');
    expect(segmentProblem({ start: 1, end: 1, tier: 'a' })?.field).toBe('geometry.end');
    expect(segmentProblem({ start: 0, end: 1 })?.field).toBe('geometry.tier');
    expect(segmentProblem(null)?.field).toBe('geometry');
  });
  it('take a point event only as point: true with start equal to end, and keep it one when moved', () => {
    expect(segmentProblem({ start: 1, end: 1, tier: 'a', point: true })).toBeNull();
    expect(segmentProblem({ start: 1, end: 2, tier: 'a', point: true })?.message).toMatch(/a point event has geometry.end equal to geometry.start/);
    expect(segmentProblem({ start: 1, end: 1, tier: 'a', point: 'yes' })?.field).toBe('geometry.point');
    expect(segmentGeometry(2, 2, 'a', true)).toEqual({ start: 2, end: 2, tier: 'a', point: true });
    expect(segmentGeometry(2, 3, 'a', true)).toEqual({ start: 2, end: 3, tier: 'a' });
  });
  it('get the schema\'s speech label, else its first, else "speech"', () => {
    expect(defaultSegmentLabel([{ id: 'music' }, { id: 'speech' }])).toBe('speech');
    expect(defaultSegmentLabel([{ id: 'music' }])).toBe('music');
    expect(defaultSegmentLabel(undefined)).toBe('speech');
  });
});
