// The audio workspace: waveform with tier lanes (own canvas renderer on the core's peaks), overview, streaming
// playback, segment list and the selected segment's details. The page never decodes the audio: peaks come from
// the core by range and the media element streams the original file with range requests.
import { useEffect, useMemo, useRef, useState } from 'react';
import { peaksJobId, type AudioInfo, type SpectrogramInfo } from '../../../shared/api/audio.ts';
import type { LabelDef, TierDef } from '../../../shared/domain.ts';
import { mediaUrl } from '../../api/tagger.ts';
import { errorText, toast, useApp, setStatusInfo } from '../../stores/app.ts';
import { WorkspaceLayout } from '../workspace/WorkspaceLayout.tsx';
import type { WorkspaceProps } from '../registry.ts';
import { useDocument } from '../document/documentStore.ts';
import { audioApi } from './audioApi.ts';
import { resetSelection } from '../workspace/selection.ts';
import { useAudioUi } from './audioStore.ts';
import { AudioToolbar } from './AudioToolbar.tsx';
import { Overview } from './Overview.tsx';
import { PeaksCache } from './peaksCache.ts';
import { SpectrogramCache } from './spectrogramCache.ts';
import { Player } from './player.ts';
import { SegmentEditor } from './SegmentEditor.tsx';
import { reindex, type SegmentIndex } from './segmentIndex.ts';
import { SegmentList } from './SegmentList.tsx';
import type { Segment } from './segmentModel.ts';
import { TimelineCanvas } from './TimelineCanvas.tsx';
import { audioCommands, useAudioActions } from './useAudioActions.ts';
import { WaveView } from './waveView.ts';
import './audio.css';

const DEFAULT_TIERS: TierDef[] = [{ id: 'default', name: 'Segments' }];

export default function AudioWorkspace({ detail, schema }: WorkspaceProps) {
  const { asset } = detail;
  const [info, setInfo] = useState<AudioInfo | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const player = useMemo(() => new Player(mediaUrl(asset.id)), [asset.id]);
  useEffect(() => () => player.dispose(), [player]);
  // The media element lives in the page (hidden) so it is inspectable like any player; it streams, never decodes whole.
  const mediaHost = useRef<HTMLDivElement>(null);
  useEffect(() => {
    mediaHost.current?.appendChild(player.el);
    return () => player.el.remove();
  }, [player]);

  const labelMap = useMemo(() => new Map<string, LabelDef>(schema.labels.map((l) => [l.id, l])), [schema.labels]);

  useEffect(() => {
    let live = true;
    setInfo(null);
    setFailure(null);
    audioApi().prepare(asset.id).then(
      (i) => {
        if (!live) return;
        setInfo(i);
        if (i.warning) toast('error', i.warning);
      },
      (e) => live && setFailure(errorText(e)),
    );
    return () => { live = false; };
  }, [asset.id, asset.originalName]);

  const peaks = useMemo(() => (info && info.levels.length ? new PeaksCache(info) : null), [info]);

  // The spectrogram is computed in the core the first time it is shown for a file (a job with Cancel in the status
  // bar); a cancelled or failed run turns the view back to the waveform.
  const showSpectrogram = useAudioUi((s) => s.spectrogram);
  const [specInfo, setSpecInfo] = useState<SpectrogramInfo | null>(null);
  useEffect(() => setSpecInfo(null), [asset.id]);
  useEffect(() => {
    if (!showSpectrogram || !info || specInfo?.assetId === asset.id) return;
    let live = true;
    audioApi().spectrogram(asset.id).then(
      (s) => live && setSpecInfo(s),
      (e) => {
        if (!live) return;
        useAudioUi.setState({ spectrogram: false });
        toast('info', `Spectrogram of ${asset.originalName}: ${errorText(e)}`);
      },
    );
    return () => { live = false; };
  }, [showSpectrogram, info, asset.id, specInfo]);
  const spectrogram = useMemo(() => (specInfo && specInfo.assetId === asset.id && specInfo.levels.length ? new SpectrogramCache(specInfo) : null), [specInfo, asset.id]);
  const duration = info ? info.durationMs / 1000 : (asset.durationMs ?? 0) / 1000;
  const view = useMemo(() => (info ? new WaveView(info.durationMs / 1000) : null), [info]);

  // Segments: re-indexed when the document changes (never per frame).
  const objects = useDocument((s) => s.objects);
  const lastIndex = useRef<{ assetId: string; index: SegmentIndex } | null>(null);
  const index = useMemo(() => {
    const prev = lastIndex.current?.assetId === asset.id ? lastIndex.current.index : null;
    const next = reindex(prev, objects);
    lastIndex.current = { assetId: asset.id, index: next };
    return next;
  }, [objects, asset.id]);
  const indexRef = useRef<SegmentIndex>(index);
  indexRef.current = index;
  // Lanes: the schema's tiers, plus any tier the segments use that the schema lacks (imported RTTM speakers, say),
  // so no segment is ever invisible.
  const extraTiers = JSON.stringify([...index.byTier.keys()].filter((id) => !schema.tiers?.some((t) => t.id === id)).sort());
  const tiers = useMemo<TierDef[]>(() => {
    const extra = (JSON.parse(extraTiers) as string[]).map((id) => (id === DEFAULT_TIERS[0].id ? DEFAULT_TIERS[0] : { id, name: id || '(no tier)' }));
    const all = [...(schema.tiers ?? []), ...extra];
    return all.length ? all : DEFAULT_TIERS;
  }, [schema.tiers, extraTiers]);
  const tierMap = useMemo(() => new Map<string, TierDef>(tiers.map((t) => [t.id, t])), [tiers]);
  const tiersRef = useRef<readonly TierDef[]>(tiers);
  tiersRef.current = tiers;

  useEffect(() => {
    resetSelection(schema.labels);
    useAudioUi.setState({ pendingStart: null, activeTier: tiers[0].id, loop: false, rate: 1, playing: false });
    return () => useApp.setState({ cursorInfo: '', zoomInfo: '' });
  }, [asset.id]);

  // Zoom shown in the status bar; fit to window on open unless that is too coarse to see segments.
  useEffect(() => {
    if (!view) return;
    const show = () => {
      const z = `${view.pxPerSec >= 10 ? view.pxPerSec.toFixed(0) : view.pxPerSec.toFixed(2)} px/s`;
      setStatusInfo({ zoomInfo: z });
      const playing = player.playing;
      if (useAudioUi.getState().playing !== playing) useAudioUi.setState({ playing });
    };
    const unsubs = [view.subscribe(show), player.subscribe(show)];
    show();
    return () => { for (const u of unsubs) u(); };
  }, [view, player]);
  useEffect(() => {
    // The timeline (a child, whose effect ran first) has set the width by now.
    if (!view) return;
    const pps = view.width / Math.max(view.duration, 0.001);
    view.zoomTo(pps >= 20 ? pps : 50, 0);
  }, [view]);

  const cmd = useMemo(() => audioCommands(view, player, indexRef, tiersRef), [view, player]);
  useAudioActions(cmd, schema.labels, view, player, [cmd, schema.labels, view, player]);

  const jump = (s: Segment) => {
    view?.reveal(s.start, s.end);
    player.seek(s.start);
    useAudioUi.setState({ activeTier: s.tier });
  };
  const labelColor = useMemo(() => (id: string) => labelMap.get(id)?.color ?? '#9aa0a6', [labelMap]);
  const labelName = useMemo(() => (id: string) => labelMap.get(id)?.name ?? (id || 'unlabelled'), [labelMap]);
  const activeTier = useAudioUi((s) => s.activeTier);
  const [playError, setPlayError] = useState<string | null>(null);
  useEffect(() => {
    setPlayError(player.error);
    return player.subscribe(() => setPlayError(player.error));
  }, [player]);

  const side = (
    <div className="au-side">
      <SegmentList index={index} labels={labelMap} tiers={tierMap} onJump={jump} />
      <SegmentEditor schema={schema} tiers={tiers} duration={duration} index={index} onPlay={cmd.playSelection} />
    </div>
  );
  return (
    <WorkspaceLayout
      toolbar={<AudioToolbar cmd={cmd} player={player} labels={schema.labels} index={index} taskId={detail.task.id} ready={!!info} />}
      side={side}
      sideTitle="Segments panel"
    >
      <div className="au-main">
        <div ref={mediaHost} hidden aria-hidden="true" />
        {failure ? (
          <div role="alert" className="au-failure">Could not read the audio of {asset.originalName}: {failure}</div>
        ) : !info || !view ? (
          <PreparingNotice name={asset.originalName} assetId={asset.id} />
        ) : (
          <>
            {playError ? <p className="au-failure-inline" role="alert">Cannot play {asset.originalName}: {playError}. If it was moved or deleted from the data folder, import it again.</p> : null}
            {info.warning ? <p className="au-warning" role="note" aria-label="Audio warning">{info.warning}</p> : null}
            <div className="au-lanes">
              <div className="au-gutter">
                <div className="au-gutter-wave muted">{showSpectrogram ? 'Spectrogram' : 'Waveform'}</div>
                {tiers.map((t) => (
                  <button key={t.id} className={`au-tier${t.id === activeTier ? ' active' : ''}`} aria-pressed={t.id === activeTier} onClick={() => useAudioUi.setState({ activeTier: t.id })} aria-label={`Tier ${t.name}`} style={{ borderLeftColor: t.color ?? '#888' }}>
                    {t.name}
                  </button>
                ))}
              </div>
              <TimelineCanvas view={view} player={player} peaks={peaks} spectrogram={spectrogram} sampleRate={info.sampleRate} tiers={tiers} indexRef={indexRef} labelColor={labelColor} labelName={labelName} />
            </div>
            <Overview view={view} player={player} peaks={peaks} sampleRate={info.sampleRate} />
          </>
        )}
      </div>
    </WorkspaceLayout>
  );
}

function PreparingNotice({ name, assetId }: { name: string; assetId: string }) {
  const job = useApp((s) => { const j = s.jobs[peaksJobId(assetId)]; return j?.state === 'running' ? j : undefined; });
  return (
    <div className="au-preparing" aria-busy="true">
      <p>Reading {name} to draw its waveform (only the first time; later opens are instant)…</p>
      {job ? <progress max={Math.max(1, job.total)} value={job.done} aria-label={job.title} /> : null}
    </div>
  );
}
