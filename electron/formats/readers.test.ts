// The tools teams use read what we write: ffmpeg converts our WebVTT and SRT (same cues, times and words), and
// NLTK's ConllCorpusReader reads our CoNLL-2003 (same tokens, POS and entity tags). Praat reading our TextGrid is
// in audio.test.ts. A test whose program is not installed is skipped, saying which (CI installs them: .ci/run).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeWebVtt, parseWebVtt } from '../../shared/formats/audio/webvtt.ts';
import { writeSrt, parseSrt } from '../../shared/formats/audio/srt.ts';
import { writeConll } from '../../shared/formats/text/conll.ts';
import type { IntervalDoc } from '../../shared/formats/audio/model.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-readers-'));
const runs = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
const hasFfmpeg = runs('ffmpeg', ['-version']);
/** Debian's python3-nltk installs into the system Python, which may not be the first python3 on PATH. */
const python = ['python3', '/usr/bin/python3'].find((p) => runs(p, ['-c', 'import nltk']));

const DOC: IntervalDoc = {
  name: 'talk',
  duration: 10,
  tiers: ['Speaker A', 'Speaker B'],
  intervals: [
    { start: 0.25, end: 1.5, tier: 'Speaker A', text: 'Good "morning", Zoë.' },
    { start: 1.25, end: 2.75, tier: 'Speaker B', text: 'Guten Morgen\nzweite Zeile' },
    { start: 3, end: 4.5, tier: '', text: 'music playing', cueId: 'm1', cueSettings: 'line:0 align:start' },
  ],
};

function ffmpeg(input: string, format: 'srt' | 'webvtt'): string {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', input, '-f', format, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

const cues = (d: IntervalDoc) => d.intervals.map((i) => [i.start, i.end, i.text]);

describe.skipIf(!hasFfmpeg)(`ffmpeg reads our subtitles${hasFfmpeg ? '' : ' (skipped: ffmpeg is not installed)'}`, () => {
  it('converts our WebVTT to SRT with the same cue times and words', () => {
    const vtt = path.join(work, 'talk.vtt');
    fs.writeFileSync(vtt, writeWebVtt(DOC).text);
    const back = parseSrt(ffmpeg(vtt, 'srt'), 'from-ffmpeg.srt', []);
    // ffmpeg drops the <v> voice spans when it writes SRT; times and words are all there.
    expect(cues(back)).toEqual(DOC.intervals.map((i) => [i.start, i.end, i.text]));
  });

  it('converts our SRT to WebVTT with the same cue times and words (speakers as the [Speaker] prefix we wrote)', () => {
    const srt = path.join(work, 'talk.srt');
    fs.writeFileSync(srt, writeSrt(DOC).text);
    const back = parseWebVtt(ffmpeg(srt, 'webvtt'), 'from-ffmpeg.vtt');
    expect(cues(back)).toEqual(DOC.intervals.map((i) => [i.start, i.end, i.tier ? `[${i.tier}] ${i.text}` : i.text]));
  });
});

describe.skipIf(!python)(`NLTK reads our CoNLL${python ? '' : ' (skipped: python3 with nltk is not installed; Debian: python3-nltk)'}`, () => {
  it('ConllCorpusReader gives back our tokens, POS tags and entity tags, sentence by sentence', () => {
    const text = 'Peter Blackburn visited São Paulo .\nEU rejects German call';
    const { text: conll } = writeConll([{
      name: 'news', text,
      spans: [{ id: 'a', start: 0, end: 15, label: 'PER' }, { id: 'b', start: 24, end: 33, label: 'LOC' }, { id: 'c', start: 36, end: 38, label: 'ORG' }, { id: 'd', start: 47, end: 53, label: 'MISC' }],
      relations: [], docLabels: [],
      columns: [['NNP', 'B-NP'], ['NNP', 'I-NP'], ['VBD', 'B-VP'], ['NNP', 'B-NP'], ['NNP', 'I-NP'], ['.', 'O'], ['NNP', 'B-NP'], ['VBZ', 'B-VP'], ['JJ', 'B-NP'], ['NN', 'I-NP']],
    }]);
    fs.writeFileSync(path.join(work, 'news.conll'), conll);
    const script = [
      'import json, sys',
      'from nltk.corpus.reader.conll import ConllCorpusReader',
      `r = ConllCorpusReader(sys.argv[1], ['news.conll'], columntypes=('words', 'pos', 'ignore', 'chunk'))`,
      // iob_sents: (word, pos, tag) per token, the entity column read as the chunk column.
      'print(json.dumps([[list(t) for t in s] for s in r.iob_sents() if s and s[0][0] != "-DOCSTART-"]))',
    ].join('\n');
    const r = spawnSync(python!, ['-c', script, work], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      [['Peter', 'NNP', 'B-PER'], ['Blackburn', 'NNP', 'I-PER'], ['visited', 'VBD', 'O'], ['São', 'NNP', 'B-LOC'], ['Paulo', 'NNP', 'I-LOC'], ['.', '.', 'O']],
      [['EU', 'NNP', 'B-ORG'], ['rejects', 'VBZ', 'O'], ['German', 'JJ', 'B-MISC'], ['call', 'NN', 'O']],
    ]);
  });
});
