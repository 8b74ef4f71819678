import { describe, expect, it } from 'vitest';
import { boundaryDeltas, boundaryF1, der, jer, type Interval } from './timeline.ts';
import { unitize, unitizedAlpha } from './unitized.ts';

const s = (start: number, end: number, label = 'A'): Interval => ({ start, end, label });

describe('timeline measures', () => {
  it('onset and offset deltas of matched pairs', () => {
    expect(boundaryDeltas([[s(0, 2), s(0.5, 2.25)], [s(4, 6), s(3.5, 6.25)]])).toEqual({ onset: 0.5, offset: 0.25 });
  });
  it('boundary F1 within a tolerance, one-to-one', () => {
    // ref boundaries 0,2,4,6 ; hyp 0.1,2.5,3.95,6 → within 0.2: 0, 4, 6 → 3 of 4 each side
    const r = boundaryF1([s(0, 2), s(4, 6)], [s(0.1, 2.5), s(3.95, 6)], 0.2);
    expect(r.precision).toBeCloseTo(0.75, 12);
    expect(r.recall).toBeCloseTo(0.75, 12);
    expect(r.f1).toBeCloseTo(0.75, 12);
    // a hyp point cannot serve two ref points
    expect(boundaryF1([s(0, 0.1)], [s(0.05, 5)], 0.2).recall).toBeCloseTo(0.5, 12);
  });
  it('DER is asymmetric: missed vs false alarm swap and the denominator is the reference', () => {
    const ref = [s(0, 10, 'A')];
    const hyp = [s(0, 5, 'A'), s(5, 10, 'B'), s(10, 12, 'B')];
    const d = der(ref, hyp);
    expect(d).toMatchObject({ missed: 0, falseAlarm: 2, confusion: 5, total: 10 });
    expect(d.der).toBeCloseTo(0.7, 12);
    const back = der(hyp, ref);
    expect(back).toMatchObject({ missed: 2, falseAlarm: 0, confusion: 5, total: 12 });
    expect(back.der).toBeCloseTo(7 / 12, 12);
  });
  it('DER counts overlapping speech per speaker', () => {
    // ref has A and B talking over each other for 2 s; hyp only A
    const d = der([s(0, 4, 'A'), s(2, 4, 'B')], [s(0, 4, 'A')]);
    expect(d).toMatchObject({ missed: 2, total: 6 });
  });
  it('JER averages 1 − IoU per label', () => {
    // A: ref 0–10, hyp 0–5 → 0.5 ; B: only in hyp → 1
    expect(jer([s(0, 10, 'A')], [s(0, 5, 'A'), s(5, 10, 'B')])).toBeCloseTo(0.75, 12);
    expect(jer([s(0, 1)], [s(0, 1)])).toBe(0);
  });
});

describe('unitized alpha', () => {
  it('cuts the continuum at every boundary with gaps as a value', () => {
    const u = unitize([[s(0, 4, 'A')], [s(2, 6, 'A')]]);
    expect(u.units).toEqual([['A', '∅'], ['A', 'A'], ['∅', 'A']]);
    expect(u.weights).toEqual([2, 2, 2]);
  });
  it('is 1 for identical versions and falls with boundary and label disagreement', () => {
    const v = [s(0, 2, 'A'), s(3, 5, 'B')];
    expect(unitizedAlpha([v, v, v])).toBe(1);
    const shifted = unitizedAlpha([v, [s(0.2, 2, 'A'), s(3, 5, 'B')]]);
    const relabeled = unitizedAlpha([v, [s(0, 2, 'A'), s(3, 5, 'A')]]);
    expect(shifted).toBeLessThan(1);
    expect(relabeled).toBeLessThan(shifted);
  });
});
