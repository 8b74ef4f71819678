// Audio formats for `tagger export/import --format` and the formats contract: RTTM (one file for the project, the
// format is multi-recording), and a folder with one file per task, named after the asset, for TextGrid, Audacity
// labels, WebVTT, SRT and JSON. Import matches files to tasks by the asset's name without extension, adds the
// segments a task does not already have as one undoable edit, and adds speakers/tiers the project lacks to its
// schema. A file that does not parse is refused whole (in a folder: listed in the report, the others still load).
import fs from 'node:fs';
import path from 'node:path';
import { registerFormats, type FormatAdapter, type ImportOptions } from './registry.ts';
import type { CoreContext } from '../core/context.ts';
import type { JobContext } from '../core/jobs.ts';
import type { AnnotationImportReport, ExportReport } from '../../shared/api/formats.ts';
import { isFrozenStatus, type AnnotationObject, type ImportIssue, type ModalitySchema, type ObjectInput, type TaskSummary } from '../../shared/domain.ts';
import { TaggerError, isTaggerError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { defaultSegmentLabel, readSegment, segmentObject, segmentProblem } from '../../shared/geometry/segment.ts';
import { nextZ } from '../../shared/objects.ts';
import { exclusiveOverlap, overlapText } from '../../shared/geometry/tierOverlap.ts';
import { decodeTextBytes, type IntervalDoc, type WriteResult } from '../../shared/formats/audio/model.ts';
import { docToSegments, segmentsToDoc, type AudioSegment, type Carries, type SegmentContext, type TierRef } from '../../shared/formats/audio/segments.ts';
import { parseTextGrid, writeTextGrid } from '../../shared/formats/audio/textgrid.ts';
import { parseRttm, rttmField, writeRttm } from '../../shared/formats/audio/rttm.ts';
import { parseAudacity, writeAudacity } from '../../shared/formats/audio/audacity.ts';
import { parseWebVtt, writeWebVtt } from '../../shared/formats/audio/webvtt.ts';
import { parseSrt, writeSrt } from '../../shared/formats/audio/srt.ts';
import { parseAudioJson, writeAudioJson } from '../../shared/formats/audio/json.ts';
import { startingLabels, startingTiers } from './projectVocabulary.ts';
import { fileClasses, mapsOntoLabels, vocabulary } from '../../shared/formats/vocabulary.ts';
import { mergeNames, readLsTasks, withoutUploadPrefix, type LabelStudioNames } from '../../shared/formats/labelStudio.ts';
import { fromLabelStudioAudio, toLabelStudioAudio } from '../../shared/formats/audio/labelStudio.ts';

function contextOf(schema: ModalitySchema | undefined): SegmentContext {
  const labels = schema?.labels ?? [];
  return {
    tiers: (schema?.tiers ?? []).map((t) => ({ ...t })),
    labels: labels.map((l) => ({ id: l.id, name: l.name })),
    defaultLabel: defaultSegmentLabel(labels),
  };
}

/** A stored segment as the formats write it (read by the one segment reader, with its attributes for JSON). */
function toSegment(o: AnnotationObject): AudioSegment | null {
  const s = readSegment(o);
  return s && { id: s.id, start: s.start, end: s.end, tier: s.tier, label: s.label, transcript: s.transcript, attributes: o.attributes, origin: s.origin, ...(s.point ? { point: true } : {}) };
}

const stem = (name: string) => name.replace(/\.[^.]+$/, '');

interface TaskDoc { task: TaskSummary; stem: string; durationMs: number | null; segments: AudioSegment[] }

function taskDocs(core: CoreContext, projectId: string, ctx: JobContext): TaskDoc[] {
  const tasks = core.tasks.list(projectId, { kind: ['audio'] });
  return tasks.map((task, i) => {
    ctx.throwIfCancelled();
    ctx.progress(i, tasks.length, task.name);
    const segments = core.annotations.list(task.id).map(toSegment).filter((s): s is AudioSegment => s !== null);
    return { task, stem: stem(task.name), durationMs: core.assets.get(task.assetId).durationMs, segments };
  });
}

/** One file per task, named after the asset (a second asset with the same name gets "-2"). */
function folderExporter(ext: string, carries: Carries, write: (d: IntervalDoc) => WriteResult) {
  return async (core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> => {
    const sctx = contextOf(core.projects.get(projectId).schema.audio);
    const docs = taskDocs(core, projectId, ctx);
    fs.mkdirSync(outPath, { recursive: true });
    const used = new Set<string>();
    const warnings: string[] = [];
    let objects = 0;
    for (const d of docs) {
      let name = `${d.stem}.${ext}`;
      for (let n = 2; used.has(name.toLowerCase()); n++) name = `${d.stem}-${n}.${ext}`;
      used.add(name.toLowerCase());
      let text: string;
      if (ext === 'json') {
        text = writeAudioJson({ asset: d.task.name, durationMs: d.durationMs, tiers: sctx.tiers, segments: d.segments });
      } else {
        const duration = d.durationMs === null ? undefined : d.durationMs / 1000;
        const { doc, warnings: w } = segmentsToDoc(d.task.name, d.segments, sctx, { carries, tierKey: 'name', duration });
        const r = write(doc);
        warnings.push(...w, ...r.warnings);
        text = r.text;
      }
      fs.writeFileSync(path.join(outPath, name), text);
      objects += d.segments.length;
    }
    return { path: outPath, tasks: docs.length, objects, warnings };
  };
}

async function exportRttm(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> {
  const sctx = contextOf(core.projects.get(projectId).schema.audio);
  const docs = taskDocs(core, projectId, ctx);
  const warnings: string[] = [];
  const written = docs.map((d) => {
    const r = segmentsToDoc(d.stem, d.segments, sctx, { carries: 'nothing', tierKey: 'id' });
    warnings.push(...r.warnings);
    return r.doc;
  });
  const r = writeRttm(written);
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, r.text);
  return { path: outPath, tasks: docs.length, objects: docs.reduce((n, d) => n + d.segments.length, 0), warnings: [...warnings, ...r.warnings] };
}

type Parsed = { name: string; segments: AudioSegment[]; newTiers: TierRef[]; keepIds: boolean; /** how the file refers to the recording */ ref?: string };
/** `labelNames`: the segments' labels are names the project's vocabulary resolves (and extends); else label ids.
 *  `names`: the Label Studio control names the file uses, kept on the project. */
type FileParser = (src: string, file: string, sctx: SegmentContext) => { docs: Parsed[]; warnings: string[]; labelNames?: boolean; names?: LabelStudioNames };

const fromDoc = (doc: IntervalDoc, sctx: SegmentContext, name: string): Parsed => ({ name, ...docToSegments(doc, sctx), keepIds: false });
const tierNames = (sctx: SegmentContext) => sctx.tiers.map((t) => t.name);

const PARSERS: Record<string, FileParser> = {
  textgrid: (src, file, sctx) => {
    const r = parseTextGrid(src, file);
    return { docs: [fromDoc(r.doc, sctx, stem(path.basename(file)))], warnings: r.warnings };
  },
  rttm: (src, file, sctx) => {
    const r = parseRttm(src, file);
    return { docs: r.docs.map((d) => fromDoc(d, sctx, d.name)), warnings: r.warnings };
  },
  audacity: (src, file, sctx) => ({ docs: [fromDoc(parseAudacity(src, file, tierNames(sctx)), sctx, stem(path.basename(file)))], warnings: [] }),
  webvtt: (src, file, sctx) => ({ docs: [fromDoc(parseWebVtt(src, file), sctx, stem(path.basename(file)))], warnings: [] }),
  srt: (src, file, sctx) => ({ docs: [fromDoc(parseSrt(src, file, tierNames(sctx)), sctx, stem(path.basename(file)))], warnings: [] }),
  json: (src, file, sctx) => {
    const d = parseAudioJson(src, file);
    // Tiers named in the file but unknown to the project are added like other formats' speakers.
    const known = new Set(sctx.tiers.map((t) => t.id));
    const newTiers = [...new Set(d.segments.map((s) => s.tier))].filter((t) => !known.has(t)).map((id) => d.tiers.find((t) => t.id === id) ?? { id, name: id });
    return { docs: [{ name: stem(d.asset), segments: d.segments, newTiers, keepIds: true }], warnings: [] };
  },
  labelstudio: (src, file) => {
    let tasks;
    try {
      tasks = readLsTasks(src);
    } catch (e) {
      throw new TaggerError('corrupt', `${file}: ${(e as Error).message}. Nothing was imported.`, { path: file });
    }
    const r = fromLabelStudioAudio(tasks, path.basename(file));
    return { docs: r.docs.map((d) => ({ name: d.name, segments: d.segments, newTiers: [], keepIds: true, ref: d.ref })), warnings: r.warnings, labelNames: true, names: r.names };
  },
};

const EXTENSIONS: Record<string, string[]> = { textgrid: ['textgrid'], rttm: ['rttm'], audacity: ['txt'], webvtt: ['vtt'], srt: ['srt'], json: ['json'], labelstudio: ['json'] };

function importer(kind: keyof typeof PARSERS, label: string) {
  return async (core: CoreContext, projectId: string, inPath: string, ctx: JobContext, options: ImportOptions = {}): Promise<AnnotationImportReport> => {
    const project = core.projects.get(projectId);
    if (!fs.existsSync(inPath)) throw new TaggerError('not_found', `${inPath} does not exist.`, { path: inPath });
    const isDir = fs.statSync(inPath).isDirectory();
    const files = isDir
      ? fs.readdirSync(inPath).filter((f) => EXTENSIONS[kind].includes(f.toLowerCase().split('.').pop() ?? '')).sort().map((f) => path.join(inPath, f))
      : [inPath];
    if (isDir && files.length === 0) throw new TaggerError('not_found', `${inPath} has no .${EXTENSIONS[kind][0]} files.`, { path: inPath });
    // Speaker formats (RTTM, TextGrid, JSON) replace the unused starter tiers with the file's own speakers.
    const speakers = kind === 'rttm' || kind === 'textgrid' || kind === 'json';
    const sctx = { ...contextOf(project.schema.audio), tiers: startingTiers(core, projectId, speakers).map((t) => ({ ...t })) };
    const skipped: ImportIssue[] = [];
    const parsed: Parsed[] = [];
    let labelNames = false;
    let names: LabelStudioNames | undefined;
    for (const file of files) {
      ctx.throwIfCancelled();
      try {
        const r = PARSERS[kind](decodeTextBytes(fs.readFileSync(file), file), file, sctx);
        parsed.push(...r.docs);
        labelNames ||= !!r.labelNames;
        if (r.names) names = mergeNames(names, r.names);
        skipped.push(...r.warnings.map((w) => ({ path: file, reason: w })));
      } catch (e) {
        if (!isDir || !isTaggerError(e)) throw e;
        skipped.push({ path: file, reason: e.message });
      }
    }
    // Label names (Label Studio) resolve onto the project's audio labels as written; new ones are added.
    const start = labelNames ? startingLabels(core, projectId, 'audio', !mapsOntoLabels(options.mapping)) : null;
    const vocab = start ? vocabulary(start.labels, [], options.mapping, start.reuse) : null;
    if (vocab)
      for (const p of parsed)
        p.segments = p.segments.flatMap((s) => {
          const label = vocab.resolveObject(s.label);
          return label === null ? [] : [{ ...s, label }];
        });
    const tasks = core.tasks.list(projectId, { kind: ['audio'] });
    const byStem = new Map<string, TaskSummary>();
    for (const t of tasks) for (const k of [stem(t.name), rttmField(stem(t.name))]) if (!byStem.has(k.toLowerCase())) byStem.set(k.toLowerCase(), t);
    const refs = new Map<string, string>();
    // Everything is decided first and written in one transaction at the end: a failure changes nothing.
    const writes: { taskId: string; objects: ObjectInput[] }[] = [];
    // Per task, across the documents of the import (two RTTM file fields or JSON entries may name one recording):
    // one de-duplication, one id set, one z order, one overlap check and one undo step for each task.
    interface TaskState { existing: AudioSegment[]; have: Set<string>; ids: Set<string>; z: number; added: Set<AudioSegment>; write: { taskId: string; objects: ObjectInput[] } }
    const states = new Map<string, TaskState>();
    const stateOf = (taskId: string): TaskState => {
      let st = states.get(taskId);
      if (!st) {
        const existing = core.annotations.list(taskId);
        const segs = existing.map(toSegment).filter((s): s is AudioSegment => !!s);
        st = { existing: segs, have: new Set(segs.map(keyOf)), ids: new Set(existing.map((o) => o.id)), z: nextZ(existing), added: new Set(), write: { taskId, objects: [] } };
        states.set(taskId, st);
      }
      return st;
    };
    const queued = new Set<string>();
    const usedTiers = new Set<string>();
    parsed.forEach((p, i) => {
      ctx.throwIfCancelled();
      ctx.progress(i, parsed.length, p.name);
      const where = `${inPath} (${p.name})`;
      // Label Studio names uploads "6b1ad2a6-talk.wav"; the project knows "talk.wav".
      const task = byStem.get(p.name.toLowerCase()) ?? byStem.get((withoutUploadPrefix(p.name) ?? '').toLowerCase());
      if (!task) {
        skipped.push({ path: where, reason: `no audio task in this project is named ${p.name}.*; import the recording first` });
        return;
      }
      if (isFrozenStatus(task.status)) {
        skipped.push({ path: where, reason: `the task of ${task.name} was ${task.status} and is frozen; its segments were not changed` });
        return;
      }
      const durationMs = core.assets.get(task.assetId).durationMs;
      const duration = durationMs === null ? Infinity : durationMs / 1000;
      const st = stateOf(task.id);
      const { have, ids, added } = st;
      const objects = st.write.objects;
      let clamped = 0;
      for (const s of p.segments) {
        // A segment past the end of the recording cannot be heard or placed: refused; one that runs over is cut at the end.
        if (s.start > duration || (s.start === duration && !s.point)) {
          skipped.push({ path: where, reason: `the segment ${s.start}–${s.end} s starts after the end of ${task.name} (${duration} s); skipped` });
          continue;
        }
        const seg = s.end > duration ? { ...s, end: duration } : s;
        if (seg !== s) clamped++;
        const bad = segmentProblem({ start: seg.start, end: seg.end, tier: seg.tier, ...(seg.point ? { point: true } : {}) }, Number.isFinite(duration) ? duration : null);
        if (bad) {
          skipped.push({ path: where, reason: `the segment ${s.start}–${s.end} s was skipped: ${bad.message}` });
          continue;
        }
        if (have.has(keyOf(seg))) continue;
        have.add(keyOf(seg));
        if (seg.tier) usedTiers.add(seg.tier);
        const id = p.keepIds && seg.id && !ids.has(seg.id) ? seg.id : newId('seg');
        ids.add(id);
        objects.push(segmentObject({ ...seg, id, z: st.z++, attributes: seg.attributes }));
        added.add({ ...seg, id });
      }
      // A 'No overlap' tier stays so: a new segment over another one there (new or already in the task) stops the
      // import before anything is written. Overlaps the task had before are left to be fixed by hand.
      const clash = exclusiveOverlap(sctx.tiers, [...st.existing, ...added], (s) => added.has(s));
      if (clash)
        throw new TaggerError('invalid_argument', `${where}: ${overlapText(clash)}. Nothing was imported: fix the file, or untick "No overlap" for ${clash.tier.name} in the project's labels and schema, and import again.`, { path: inPath, tier: clash.tier.id });
      if (clamped) skipped.push({ path: where, reason: `${clamped} segment(s) ran past the end of ${task.name} (${duration} s); they were cut at the end` });
      if (objects.length && !queued.has(task.id)) { queued.add(task.id); writes.push(st.write); }
      if (p.ref) refs.set(task.id, p.ref);
    });
    // Speakers the project does not know become tiers of its schema, so imported segments have a lane to show in.
    const newTiers = new Map<string, TierRef>();
    for (const p of parsed) for (const t of p.newTiers) if (usedTiers.has(t.id) || kind === 'textgrid') newTiers.set(t.id, t);
    const notes: string[] = [];
    const audio = project.schema.audio ?? { labels: [], attributes: [] };
    const replaced = (audio.tiers ?? []).length !== sctx.tiers.length;
    const matched = writes.length > 0;
    const kept = names && mergeNames(audio.labelStudio, names);
    const namesChanged = !!kept && JSON.stringify(kept) !== JSON.stringify(audio.labelStudio);
    core.db.transaction(() => {
      if (matched && (newTiers.size || replaced || vocab?.changed() || namesChanged))
        core.projects.update(projectId, {
          schema: { ...project.schema, audio: { ...audio, tiers: [...sctx.tiers, ...newTiers.values()], ...(vocab ? { labels: vocab.labels() } : {}), ...(kept ? { labelStudio: kept } : {}) } },
        });
      if (matched) for (const [taskId, ref] of refs) core.tasks.setSourceRef(taskId, ref);
      // One undo step per task, as an edit, written in bulk (the segments are new: undo deletes them).
      for (const w of writes) core.annotations.add(w.taskId, `Import ${label}`, w.objects);
    })();
    for (const w of writes) core.events.emit('task-changed', { taskId: w.taskId });
    if (matched && vocab?.added().length) notes.push(`Added ${vocab.added().length} label(s) the project did not have: ${vocab.added().map((l) => l.name).join(', ')}.`);
    if (vocab) notes.push(...vocab.mappingNotes());
    if (matched && newTiers.size) notes.push(`Added ${newTiers.size === 1 ? 'a tier' : `${newTiers.size} tiers`} to the project: ${[...newTiers.values()].map((t) => t.name).join(', ')}.`);
    return { tasks: writes.length, objects: writes.reduce((n, w) => n + w.objects.length, 0), skipped, notes };
  };
}

/** Same times (to the millisecond), tier, label and words: the same segment, so importing twice adds nothing. */
function keyOf(s: AudioSegment): string {
  return `${Math.round(s.start * 1000)}:${Math.round(s.end * 1000)}:${s.tier}:${s.label}:${s.transcript}`;
}

async function exportLabelStudio(core: CoreContext, projectId: string, outPath: string, ctx: JobContext): Promise<ExportReport> {
  const audio = core.projects.get(projectId).schema.audio;
  const nameOf = new Map((audio?.labels ?? []).map((l) => [l.id, l.name]));
  const refs = core.tasks.sourceRefs(projectId);
  const docs = taskDocs(core, projectId, ctx).map((d) => {
    return {
      ref: refs.get(d.task.id) ?? d.task.name,
      durationSeconds: d.durationMs === null ? null : d.durationMs / 1000,
      segments: d.segments.map((s) => ({ ...s, label: nameOf.get(s.label) ?? s.label })),
    };
  });
  const r = toLabelStudioAudio(docs, audio?.labelStudio);
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, r.text);
  return { path: outPath, tasks: docs.length, objects: docs.reduce((n, d) => n + d.segments.length, 0), warnings: r.warnings };
}

const adapters: FormatAdapter[] = [
  { id: 'rttm', label: 'RTTM (speaker diarization)', kind: 'audio', output: 'file', extension: 'rttm', export: exportRttm, import: importer('rttm', 'RTTM') },
  { id: 'textgrid', label: 'Praat TextGrid', kind: 'audio', output: 'directory', extension: 'TextGrid', export: folderExporter('TextGrid', 'text', writeTextGrid), import: importer('textgrid', 'TextGrid') },
  { id: 'audacity', label: 'Audacity label track', kind: 'audio', output: 'directory', extension: 'txt', export: folderExporter('txt', 'text', writeAudacity), import: importer('audacity', 'Audacity labels') },
  { id: 'webvtt', label: 'WebVTT captions', kind: 'audio', output: 'directory', extension: 'vtt', export: folderExporter('vtt', 'text', writeWebVtt), import: importer('webvtt', 'WebVTT') },
  { id: 'srt', label: 'SubRip subtitles (SRT)', kind: 'audio', output: 'directory', extension: 'srt', export: folderExporter('srt', 'text', writeSrt), import: importer('srt', 'SRT') },
  {
    id: 'label-studio-audio', label: 'Label Studio JSON (audio)', kind: 'audio', output: 'file', extension: 'json', export: exportLabelStudio, import: importer('labelstudio', 'Label Studio'),
    // Label Studio's segments carry label names (the other formats carry speakers, kept as tiers): those can be mapped.
    inspect: async (core, projectId, inPath) => {
      const r = PARSERS.labelstudio(decodeTextBytes(fs.readFileSync(inPath), inPath), inPath, contextOf(core.projects.get(projectId).schema.audio));
      return fileClasses([], r.docs.flatMap((d) => d.segments.map((sg) => sg.label)));
    },
  },
  { id: 'audio-json', label: 'Audio segments JSON', kind: 'audio', output: 'directory', extension: 'json', export: folderExporter('json', 'text', () => ({ text: '', warnings: [] })), import: importer('json', 'JSON') },
];

registerFormats(...adapters);
