// Round trips through every audio format lose nothing the format can express; bad files are refused with a
// message naming the file and line.
import { describe, it, expect } from 'vitest';
import { writeTextGrid, parseTextGrid } from './textgrid.ts';
import { writeRttm, parseRttm } from './rttm.ts';
import { writeAudacity, parseAudacity } from './audacity.ts';
import { writeWebVtt, parseWebVtt } from './webvtt.ts';
import { writeSrt, parseSrt } from './srt.ts';
import { writeAudioJson, parseAudioJson } from './json.ts';
import { decodeTextBytes, type IntervalDoc } from './model.ts';
import { docToSegments, segmentsToDoc, type AudioSegment, type SegmentContext } from './segments.ts';

const ctx: SegmentContext = {
  tiers: [{ id: 'speaker_a', name: 'Speaker A' }, { id: 'speaker_b', name: 'Speaker B' }, { id: 'events', name: 'Events' }],
  labels: [{ id: 'speech', name: 'Speech' }, { id: 'music', name: 'Music' }, { id: 'noise', name: 'Noise' }],
  defaultLabel: 'speech',
};

/** Overlap across tiers, quotes, non-ASCII, a label without words, a transcript with the default label. */
const segments: AudioSegment[] = [
  { start: 0.5, end: 2.25, tier: 'speaker_a', label: 'speech', transcript: 'Hello "there", Zoë — ça va?' },
  { start: 1.75, end: 3.125, tier: 'speaker_b', label: 'speech', transcript: 'Grüß dich 你好' },
  { start: 4, end: 9.999, tier: 'events', label: 'music', transcript: '' },
  { start: 10.5, end: 12, tier: 'speaker_a', label: 'speech', transcript: '[laughs] ok' },
  { start: 12.25, end: 13, tier: 'speaker_b', label: 'noise', transcript: '' },
];

const sorted = (s: AudioSegment[]) => [...s].sort((a, b) => a.start - b.start || a.tier.localeCompare(b.tier));
const plain = (s: AudioSegment[]) => sorted(s).map(({ start, end, tier, label, transcript }) => ({ start, end, tier, label, transcript }));

function roundTrip(write: (d: IntervalDoc) => { text: string; warnings: string[] }, read: (text: string) => IntervalDoc, tierKey: 'name' | 'id' = 'name') {
  const { doc } = segmentsToDoc('interview.wav', segments, ctx, { carries: 'text', tierKey, duration: 14 });
  const { text, warnings } = write(doc);
  const back = docToSegments(read(text), ctx);
  return { text, warnings, back };
}

describe('Praat TextGrid', () => {
  it('round-trips tiers, times at full precision, quotes and non-ASCII text', () => {
    const odd = [...segments, { start: 1 / 3, end: 0.4, tier: 'events', label: 'noise', transcript: '' }];
    const { doc } = segmentsToDoc('x', odd, ctx, { carries: 'text', tierKey: 'name', duration: 14 });
    const { text, warnings } = writeTextGrid(doc);
    expect(warnings).toEqual([]);
    expect(text).toContain('text = "Hello ""there"", Zoë — ça va?"');
    const { doc: read } = parseTextGrid(text, 'x.TextGrid');
    expect(read.tiers).toEqual(['Speaker A', 'Speaker B', 'Events']);
    expect(read.duration).toBe(14);
    const back = docToSegments(read, ctx);
    expect(back.newTiers).toEqual([]);
    expect(plain(back.segments)).toEqual(plain(odd));
  });

  it('reads the short text format and UTF-16 (both byte orders) with a BOM', () => {
    const short = ['File type = "ooTextFile"', 'Object class = "TextGrid"', '', '0', '3.5', '<exists>', '2',
      '"IntervalTier"', '"Speaker A"', '0', '3.5', '3', '0', '1', '""', '1', '2.5', '"hé ""quoted"""', '2.5', '3.5', '""',
      '"TextTier"', '"bells"', '0', '3.5', '1', '1.2', '"ding"', ''].join('\n');
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(short, 'utf16le'))]);
    const be = new Uint8Array([0xfe, 0xff, ...new Uint8Array(Buffer.from(short, 'utf16le').swap16())]);
    for (const bytes of [new TextEncoder().encode(short), le, be]) {
      const { doc, warnings } = parseTextGrid(decodeTextBytes(bytes, 'short.TextGrid'), 'short.TextGrid');
      expect(doc.intervals).toEqual([{ start: 1, end: 2.5, tier: 'Speaker A', text: 'hé "quoted"' }, { start: 1.2, end: 1.2, tier: 'bells', text: 'ding', point: true }]);
      expect(doc.pointTiers).toEqual(['bells']);
      expect(warnings).toEqual([]);
    }
  });

  it('keeps a point tier as point events and writes it back as a point tier (an Audacity point label too)', () => {
    const src = ['File type = "ooTextFile"', 'Object class = "TextGrid"', '', '0', '3.5', '<exists>', '2',
      '"TextTier"', '"bells"', '0', '3.5', '2', '1.2', '"ding"', '2', '""',
      '"TextTier"', '"empty"', '0', '3.5', '0', ''].join('\n');
    const { doc } = parseTextGrid(src, 'p.TextGrid');
    const { segments, newTiers } = docToSegments(doc, { ...ctx, tiers: [] });
    expect(newTiers).toEqual([{ id: 'bells', name: 'bells', kind: 'point' }, { id: 'empty', name: 'empty', kind: 'point' }]);
    expect(segments.map((s) => [s.start, s.end, s.point, s.transcript])).toEqual([[1.2, 1.2, true, 'ding'], [2, 2, true, '']]);
    const again = segmentsToDoc('p', segments, { ...ctx, tiers: newTiers }, { carries: 'text', tierKey: 'name', duration: 3.5 });
    const { doc: read } = parseTextGrid(writeTextGrid(again.doc).text, 'p.TextGrid');
    expect(read.pointTiers).toEqual(['bells', 'empty']);
    expect(read.intervals.map((i) => [i.tier, i.start, i.point, i.text])).toEqual([['bells', 1.2, true, 'ding'], ['bells', 2, true, '']]);
    expect(parseAudacity('1.500000\t1.500000\tclick\n', 'a.txt', []).intervals).toEqual([{ start: 1.5, end: 1.5, tier: '', text: 'click', point: true }]);
  });

  it('clips an overlap inside one tier with a warning, since Praat tiers cannot overlap', () => {
    const { text, warnings } = writeTextGrid({ name: 'a.wav', tiers: ['A'], intervals: [{ start: 0, end: 2, tier: 'A', text: 'x' }, { start: 1, end: 3, tier: 'A', text: 'y' }] });
    expect(warnings[0]).toMatch(/a\.wav: on tier "A" the segment 1–3 s overlaps/);
    expect(parseTextGrid(text, 't').doc.intervals.map((i) => [i.start, i.end])).toEqual([[0, 2], [2, 3]]);
  });

  it.each([
    ['File type = "ooTextFile"\nObject class = "Sound"\n', /bad\.TextGrid, line 2: not a TextGrid/],
    ['File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0\nxmax = 3\ntiers? <exists>\nsize = 1\nitem []:\n    item [1]:\n        class = "IntervalTier"\n        name = "A"\n        xmin = 0\n        xmax = 3\n        intervals: size = 2\n        intervals [1]:\n            xmin = 0\n            xmax = oops\n', /bad\.TextGrid, line 17: "oops" is neither a number nor a "text"/],
    ['File type = "ooTextFile"\nObject class = "TextGrid"\n0\n3\n<exists>\n1\n"IntervalTier"\n"A"\n0\n3\n5\n0\n1\n"a"\n', /bad\.TextGrid, line 14: the file ends where xmin of interval 2 of tier "A" was expected \(truncated\?\)/],
    ['File type = "ooTextFile"\nObject class = "TextGrid"\n0\n3\n<exists>\n1\n"IntervalTier"\n"A"\n0\n3\n1\n0\n1\n"unterminated\n', /bad\.TextGrid, line 14: a text starts with " but never ends/],
    ['File type = "ooTextFile"\nObject class = "TextGrid"\n0\n3\n<exists>\n1\n"IntervalTier"\n"A"\n0\n3\n1\n2\n1\n"a"\n', /bad\.TextGrid, line 13: interval 1 of tier "A" ends \(1\) before it starts \(2\)/],
  ])('refuses a broken file with the line: %#', (src, msg) => {
    expect(() => parseTextGrid(src, 'bad.TextGrid')).toThrow(msg);
  });

  it('refuses bytes that are not UTF-8, naming the line', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('File type = "ooTextFile"\nObject class = "TextGrid"\n'), 0xe9, 0x0a]);
    expect(() => decodeTextBytes(bytes, 'latin1.TextGrid')).toThrow(/latin1\.TextGrid, line 3: not valid UTF-8/);
  });
});

describe('RTTM', () => {
  it('round-trips times and speakers of several recordings in one file; says labels and text are not kept', () => {
    const a = segmentsToDoc('interview one', segments, ctx, { carries: 'nothing', tierKey: 'id' });
    const b = segmentsToDoc('street', [{ start: 1, end: 2, tier: 'speaker_b', label: 'speech', transcript: '' }], ctx, { carries: 'nothing', tierKey: 'id' });
    expect(a.warnings[0]).toMatch(/interview one: labels and transcripts of 5 segment\(s\) are not kept/);
    const { text, warnings } = writeRttm([a.doc, b.doc]);
    expect(warnings).toEqual(['interview one: written as file id "interview_one" (RTTM fields cannot contain spaces).']);
    expect(text.split('\n')[0]).toBe('SPEAKER interview_one 1 0.5 1.75 <NA> <NA> speaker_a <NA> <NA>');
    const { docs } = parseRttm(text, 'all.rttm');
    expect(docs.map((d) => d.name)).toEqual(['interview_one', 'street']);
    const back = docToSegments(docs[0], ctx).segments;
    expect(sorted(back).map((s) => [s.start, s.end, s.tier])).toEqual(sorted(segments).map((s) => [s.start, s.end, s.tier]));
  });

  it('adds unknown speakers as new tiers and skips other record types with a note', () => {
    const { docs, warnings } = parseRttm(';; from a diarizer\nSPKR-INFO f 1 <NA> <NA> <NA> unknown spk00 <NA>\nSPEAKER f 1 0.00 1.50 <NA> <NA> spk00 <NA> <NA>\nSPEAKER f 1 2.00 0.50 <NA> <NA> Speaker_B <NA> <NA>\n', 'd.rttm');
    expect(warnings).toEqual(['d.rttm: SPKR-INFO lines skipped (only SPEAKER segments are imported)']);
    const r = docToSegments(docs[0], ctx);
    expect(r.newTiers).toEqual([{ id: 'spk00', name: 'spk00' }]);
    expect(r.segments.map((s) => s.tier)).toEqual(['spk00', 'speaker_b']);
  });

  it.each([
    ['SPEAKER f 1 0.0 1.0 <NA> <NA>\n', /x\.rttm, line 1: a SPEAKER line needs at least 9 fields/],
    ['SPEAKER f 1 0 1 <NA> <NA> a <NA> <NA>\nSPEAKER f 1 abc 1 <NA> <NA> a <NA> <NA>\n', /x\.rttm, line 2: onset "abc" is not a time/],
    ['\n\nSPEAKER f 1 1 -2 <NA> <NA> a <NA> <NA>\n', /x\.rttm, line 3: duration "-2"/],
    ['hello world\n', /x\.rttm, line 1: "hello" is not an RTTM record type/],
  ])('refuses a broken line: %#', (src, msg) => {
    expect(() => parseRttm(src, 'x.rttm')).toThrow(msg);
  });
});

describe('Audacity labels, WebVTT, SRT', () => {
  it('Audacity round-trips times (µs), texts and tiers as [tier] prefixes; a leading [laughs] stays text', () => {
    const { back, text } = roundTrip(writeAudacity, (t) => parseAudacity(t, 'l.txt', ctx.tiers.map((x) => x.name)));
    expect(text.split('\n')[0]).toBe('0.500000\t2.250000\t[Speaker A] Hello "there", Zoë — ça va?');
    expect(back.newTiers).toEqual([]);
    expect(plain(back.segments)).toEqual(plain(segments));
    // spectral selection lines (starting with a backslash) are skipped
    expect(parseAudacity('1.0\t2.0\tx\n\\\t100.0\t2000.0\n', 'l.txt').intervals).toHaveLength(1);
  });

  it('WebVTT round-trips with voices as tiers and escapes markup characters', () => {
    const extra = { start: 13.5, end: 14, tier: 'speaker_a', label: 'speech', transcript: 'a < b & c > d' };
    const { doc } = segmentsToDoc('v', [...segments, extra], ctx, { carries: 'text', tierKey: 'name' });
    const { text } = writeWebVtt(doc);
    expect(text).toContain('00:00:13.500 --> 00:00:14.000\n<v Speaker A>a &lt; b &amp; c &gt; d');
    const back = docToSegments(parseWebVtt(text, 'v.vtt'), ctx);
    expect(plain(back.segments)).toEqual(plain([...segments, extra]));
  });

  it('WebVTT reads cues without ids, NOTE blocks, cue settings, markup and mm:ss times', () => {
    const src = 'WEBVTT - talk\n\nNOTE written by hand\n\n00:01.000 --> 00:02.500 align:start\n<v.loud Speaker B><b>Hi</b> there</v>\n\nx\n01:00:00.000 --> 01:00:01.000\ntwo\nlines\n';
    expect(parseWebVtt(src, 'h.vtt').intervals).toEqual([
      { start: 1, end: 2.5, tier: 'Speaker B', text: 'Hi there', cueSettings: 'align:start' },
      { start: 3600, end: 3601, tier: '', text: 'two\nlines', cueId: 'x' },
    ]);
  });

  it('WebVTT reads header lines after WEBVTT (youtube-dl), STYLE and REGION blocks as the W3C spec defines them', () => {
    const src = [
      'WEBVTT', 'Kind: captions', 'Language: en', '',
      'STYLE', '::cue { color: yellow }', '',
      'REGION', 'id:fred', 'width:40%', '',
      'NOTE', 'This file was written by hand', 'over two lines', '',
      'intro', '00:00:00.000 --> 00:00:02.000 region:fred line:0 align:left', '<v Roger Bingham>We are in New York City', '',
      '00:00:02.000 --> 00:00:04.000', '<c.yellow>— It\'s a</c> <i>sunny</i> day &amp; hot', '',
    ].join('\n');
    expect(parseWebVtt(src, 'yt.en.vtt').intervals).toEqual([
      { start: 0, end: 2, tier: 'Roger Bingham', text: 'We are in New York City', cueId: 'intro', cueSettings: 'region:fred line:0 align:left' },
      { start: 2, end: 4, tier: '', text: '— It\'s a sunny day & hot' },
    ]);
  });

  it('a one-speaker file comes back without an invented speaker in SRT, Audacity and WebVTT', () => {
    const one = { name: 'one', tiers: [''], intervals: [{ start: 1, end: 2, tier: '', text: 'Hello' }, { start: 3, end: 4, tier: '', text: 'again' }] };
    const back = docToSegments(one, ctx);
    expect(back.segments.map((x) => x.tier)).toEqual(['', '']);
    expect(back.newTiers).toEqual([]);
    const { doc } = segmentsToDoc('one', back.segments, ctx, { carries: 'text', tierKey: 'name' });
    expect(writeSrt(doc).text).toBe('1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nagain\n');
    expect(writeAudacity(doc).text).toBe('1.000000\t2.000000\tHello\n3.000000\t4.000000\tagain\n');
    expect(writeWebVtt(doc).text).not.toMatch(/<v/);
  });

  it('SRT round-trips at millisecond precision with [tier] prefixes', () => {
    const { back, text } = roundTrip(writeSrt, (t) => parseSrt(t, 's.srt', ctx.tiers.map((x) => x.name)));
    expect(text.startsWith('1\n00:00:00,500 --> 00:00:02,250\n[Speaker A] Hello')).toBe(true);
    expect(plain(back.segments)).toEqual(plain(segments));
  });

  it.each([
    [() => parseWebVtt('1\n00:00:01.000 --> 00:00:02.000\nx\n', 'a.vtt'), /a\.vtt, line 1: a WebVTT file starts with "WEBVTT"/],
    [() => parseWebVtt('WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nx\n', 'a.vtt'), /a\.vtt, line 3: "00:00:0x.000" is not a timestamp/],
    [() => parseWebVtt('WEBVTT\n\ncue\njust text\n', 'a.vtt'), /a\.vtt, line 4: expected a cue timing/],
    [() => parseSrt('1\n00:00:02,000 --> 00:00:01,000\nx\n', 'b.srt'), /b\.srt, line 2: the cue ends before it starts/],
    [() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nx\n\nnot a number\n00:00:03,000 --> 00:00:04,000\ny\n', 'b.srt'), /b\.srt, line 5: expected a cue number/],
    [() => parseAudacity('1.0\t2.0\tok\n3.0 4.0 spaces\n', 'c.txt'), /c\.txt, line 2: expected "start<TAB>end<TAB>label"/],
    [() => parseAudacity('5.0\t4.0\tback\n', 'c.txt'), /c\.txt, line 1: end "4\.0" is not a time in seconds after the start/],
  ])('refuses a broken file with the line: %#', (run, msg) => {
    expect(run).toThrow(msg);
  });
});

describe('JSON', () => {
  it('round-trips everything, attributes and origin included', () => {
    const full = segments.map((s, i) => ({ ...s, id: `seg_${i}`, attributes: { transcript: s.transcript, language: 'en', overlap: i % 2 === 0 }, origin: (i === 2 ? 'model' : 'human') as 'model' | 'human' }));
    const text = writeAudioJson({ asset: 'interview.wav', durationMs: 14000, tiers: ctx.tiers, segments: full });
    const back = parseAudioJson(text, 'i.json');
    expect(back.tiers).toEqual(ctx.tiers);
    expect(sorted(back.segments)).toEqual(sorted(full));
  });

  it('names the line of a syntax error and of a bad segment', () => {
    expect(() => parseAudioJson('{\n  "format": "tagger-audio-segments",\n  "version": 1,\n  oops\n}', 'j.json')).toThrow(/j\.json, line 4: not valid JSON/);
    const text = writeAudioJson({ asset: 'a', durationMs: null, tiers: [], segments: [{ start: 1, end: 2, tier: 't', label: 'l', transcript: '' }, { start: 3, end: 4, tier: 't', label: 'l', transcript: '' }] });
    const broken = text.replace('"end": 4', '"end": 2');
    expect(() => parseAudioJson(broken, 'j.json')).toThrow(/j\.json, line 16 \(segments\[1\]\): "end" must be a time in seconds, not before "start"/);
    expect(() => parseAudioJson('{"format":"other"}', 'j.json')).toThrow(/expected "format": "tagger-audio-segments"/);
  });
});

describe('segments at scale', () => {
  it('maps 30,000 intervals over 600 speakers and 400 labels by name, each speaker one tier, and writes them back', () => {
    const labels = Array.from({ length: 400 }, (_, i) => ({ id: `l${i}`, name: `Label ${i}` }));
    const big: SegmentContext = { tiers: [{ id: 'spk0', name: 'Speaker 0' }], labels: [{ id: 'speech', name: 'Speech' }, ...labels], defaultLabel: 'speech' };
    // a speaker name with a trailing space is one speaker, not a new tier per interval
    const speaker = (i: number) => (i % 600 === 1 ? 'Speaker 1 ' : `speaker ${i % 600}`);
    const intervals = Array.from({ length: 30_000 }, (_, i) => ({ start: i, end: i + 0.5, tier: speaker(i), text: i % 3 ? `label ${i % 400}` : `words ${i}`, ...(i % 600 === 7 ? { point: true } : {}) }));
    const { segments, newTiers } = docToSegments({ name: 'big', tiers: [], intervals }, big);
    expect(newTiers).toHaveLength(599); // "speaker 0" is the schema's Speaker 0
    expect(new Set(segments.map((s) => s.tier)).size).toBe(600);
    expect(segments[0]).toMatchObject({ tier: 'spk0', label: 'speech', transcript: 'words 0' });
    expect(segments[1]).toMatchObject({ tier: 'Speaker_1', label: 'l1', transcript: '' });
    expect(segments[7].end).toBe(7.5);
    const { doc } = segmentsToDoc('big', segments, { ...big, tiers: [...big.tiers, ...newTiers] }, { carries: 'text', tierKey: 'name' });
    expect(doc.tiers).toHaveLength(600);
    expect(doc.intervals[1]).toMatchObject({ tier: 'Speaker 1', text: 'l1' });
  });
});
