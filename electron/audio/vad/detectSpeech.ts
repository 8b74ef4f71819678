// "Detect speech": 16 kHz mono PCM of the task's audio (streamed; see speechScores.ts), a speech probability per
// 32 ms frame from Silero VAD (or the energy fallback when the model cannot load), runs of speech turned into
// segment proposals (origin 'model') stored in ONE undoable edit. Runs as a job with progress and Cancel; one
// detection at a time, since the WebAssembly session is single-threaded.
import path from 'node:path';
import type { CoreContext } from '../../core/context.ts';
import type { AudioService } from '../audioService.ts';
import type { DetectSpeechOptions, DetectSpeechResult } from '../../../shared/api/audio.ts';
import type { ObjectOp } from '../../../shared/domain.ts';
import { newId } from '../../../shared/ids.ts';
import { defaultSegmentLabel, segmentObject } from '../../../shared/geometry/segment.ts';
import { nextZ } from '../../../shared/objects.ts';
import { freeParts } from '../../../shared/geometry/tierOverlap.ts';
import { TaggerError } from '../../../shared/errors.ts';
import { storeModelEdit } from '../../models/proposals.ts';
import { VAD_RATE } from './resample.ts';
import { pcm16kMono, scoreFrames, type FrameScorer } from './speechScores.ts';
import { SILERO_SEGMENTER, SpeechSegmenter } from './segmenter.ts';
import { EnergyVad, SILERO_FRAME, SileroVad } from './silero.ts';

let queue: Promise<unknown> = Promise.resolve();

export function detectSpeech(core: CoreContext, audio: AudioService, taskId: string, opts: DetectSpeechOptions): Promise<DetectSpeechResult> {
  const run = queue.then(() => detect(core, audio, taskId, opts));
  queue = run.catch(() => undefined);
  return run;
}

/** Which detector to use: Silero unless its model fails to load, or TAGGER_VAD=energy asks for the fallback. */
async function makeScorerFactory(): Promise<{ engine: DetectSpeechResult['engine']; make: (lanes: number) => Promise<FrameScorer> }> {
  if (process.env.TAGGER_VAD !== 'energy') {
    try {
      await SileroVad.create(1);
      return { engine: 'silero', make: (lanes) => SileroVad.create(lanes) };
    } catch (e) {
      console.warn(`Silero VAD could not be loaded (${(e as Error).message}); using the energy detector.`);
    }
  }
  return { engine: 'energy', make: async (lanes) => new EnergyVad(lanes) };
}

async function detect(core: CoreContext, audio: AudioService, taskId: string, opts: DetectSpeechOptions): Promise<DetectSpeechResult> {
  const task = core.tasks.get(taskId);
  const { file, name } = audio.audioFile(task.assetId);
  const schema = core.projects.get(task.projectId).schema.audio;
  const tier = opts.tier ?? schema?.tiers?.[0]?.id ?? 'speech';
  if (opts.tier && schema?.tiers?.length && !schema.tiers.some((t) => t.id === opts.tier))
    throw new TaggerError('invalid_argument', `The project has no audio tier "${opts.tier}".`, { field: 'tier' });
  const label = defaultSegmentLabel(schema?.labels);
  return core.jobs.run(`Detect speech in ${name}`, async (ctx) => {
    const { engine, make } = await makeScorerFactory();
    const p = { progress: (f: number) => ctx.progress(Math.round(f * 1000), 1000), throwIfCancelled: () => ctx.throwIfCancelled() };
    const pcm = await pcm16kMono(file, name, path.join(core.media.root, 'tmp'), p);
    let probs: Float32Array;
    try {
      probs = await scoreFrames(pcm, make, p, pcm.file === file ? 0 : 0.3);
    } finally {
      pcm.cleanup();
    }
    ctx.throwIfCancelled();
    const segmenter = new SpeechSegmenter({ ...SILERO_SEGMENTER, frameSeconds: SILERO_FRAME / VAD_RATE });
    for (const prob of probs) segmenter.push(prob);
    const existing = core.annotations.list(taskId);
    const onTier = (o: (typeof existing)[number]) => o.kind === 'segment' && (o.geometry as { tier?: string } | null)?.tier === tier;
    // Speech a person already segmented on this tier needs no proposal on top of it.
    const human = existing.filter((o) => onTier(o) && o.origin === 'human').map((o) => o.geometry as { start: number; end: number });
    const covered = (s: { start: number; end: number }) =>
      human.reduce((sum, h) => sum + Math.max(0, Math.min(s.end, h.end) - Math.max(s.start, h.start)), 0) > 0.5 * (s.end - s.start);
    let found = segmenter.finish(pcm.samples / VAD_RATE).filter((s) => !covered(s));
    const ops: ObjectOp[] = [];
    const replaced = (o: (typeof existing)[number]) => opts.replaceProposals !== false && o.origin === 'model';
    for (const o of existing) if (onTier(o) && replaced(o)) ops.push({ op: 'delete', id: o.id });
    // On a 'No overlap' tier a proposal goes only where no segment stays: it is cut around them (pieces shorter
    // than the shortest speech the segmenter keeps are dropped).
    if (schema?.tiers?.some((t) => t.id === tier && t.exclusive === true)) {
      const staying = existing.filter((o) => onTier(o) && !replaced(o)).map((o) => o.geometry as { start: number; end: number });
      found = freeParts(found, staying, SILERO_SEGMENTER.minSpeechMs / 1000);
    }
    let z = nextZ(existing);
    for (const s of found) ops.push({ op: 'put', object: segmentObject({ id: newId('seg'), z: z++, start: s.start, end: s.end, tier, label, origin: 'model', transcript: '' }) });
    return { count: found.length, engine, edit: storeModelEdit(core, taskId, { label: 'Detect speech', ops }) };
  });
}
