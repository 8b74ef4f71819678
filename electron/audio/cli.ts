// `tagger prepare-audio`: computes the waveform peaks of every audio task of a project ahead of time (so even the
// first open of a three-hour recording is a cached open), and with --detect-speech proposes speech segments.
import type { CliCommand } from '../cli/command.ts';
import { createCore } from '../core/createCore.ts';
import { TaggerError } from '../../shared/errors.ts';
import type { AudioInfo, DetectSpeechResult } from '../../shared/api/audio.ts';
import { clock } from './decode.ts';

export const prepareAudioCommand: CliCommand = {
  name: 'prepare-audio',
  usage: 'prepare-audio --data DIR --project NAME [--detect-speech [--tier ID]]',
  summary: 'compute waveform peaks of a project\'s audio ahead of time; optionally propose speech segments',
  details: 'Peaks already computed are kept. --detect-speech runs the voice activity detector on each recording and adds its proposals (machine-made, replacing earlier proposals on that tier) as one undoable step per task. Damaged files are listed with the reason; exit code 1 when any failed.',
  options: { project: { type: 'string' }, 'detect-speech': { type: 'boolean' }, tier: { type: 'string' } },
  async run(ctx) {
    const name = ctx.values.project as string | undefined;
    if (!name?.trim()) throw new TaggerError('invalid_argument', 'Name the project: --project NAME.');
    const detect = ctx.values['detect-speech'] === true;
    const tier = ctx.values.tier as string | undefined;
    if (tier && !detect) throw new TaggerError('invalid_argument', '--tier goes with --detect-speech.');
    const core = createCore({ dataDir: ctx.dataDir, lock: 'prepare-audio' });
    try {
      const project = core.projects.findByName(name);
      if (!project) throw new TaggerError('not_found', `No project named "${name}" in ${ctx.dataDir}.`);
      const tasks = core.tasks.list(project.id, { kind: ['audio'] });
      let failed = 0;
      for (const t of tasks) {
        const t0 = performance.now();
        const prepared = await core.dispatch('audio.prepare', [t.assetId]);
        if (!prepared.ok) {
          failed++;
          process.stderr.write(`${t.name}: ${prepared.error.message}\n`);
          continue;
        }
        const info = prepared.value as AudioInfo;
        let line = `${t.name}: ${clock(info.durationMs / 1000)}, ${info.sampleRate} Hz, peaks ready (${((performance.now() - t0) / 1000).toFixed(1)} s)`;
        if (detect) {
          const r = await core.dispatch('audio.detectSpeech', [t.id, tier ? { tier } : {}]);
          if (r.ok) {
            const v = r.value as DetectSpeechResult;
            line += `; ${v.count} speech segment(s) proposed (${v.engine === 'silero' ? 'Silero VAD' : 'energy detector'})`;
          } else {
            failed++;
            line += `; detect speech failed: ${r.error.message}`;
          }
        }
        process.stderr.write(`${line}\n${info.warning ? `  warning: ${info.warning}\n` : ''}`);
      }
      process.stderr.write(`${tasks.length} audio task(s) in "${name}", ${failed} failed\n`);
      return failed ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};
