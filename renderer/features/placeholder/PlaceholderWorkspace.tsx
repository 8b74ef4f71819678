// Shown for a kind of asset whose tool is not installed: what the item is, and a preview.
import type { WorkspaceProps } from '../registry.ts';
import { mediaUrl } from '../../api/tagger.ts';
import { useEffect, useState } from 'react';
import { formatBytes } from '../../../shared/bytes.ts';
import { formatDuration } from '../../ui/format.ts';

export default function PlaceholderWorkspace({ detail }: WorkspaceProps) {
  const { asset } = detail;
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (asset.kind !== 'text') return;
    let live = true;
    fetch(mediaUrl(asset.id)).then((r) => r.text()).then((t) => live && setText(t.slice(0, 4000))).catch(() => undefined);
    return () => { live = false; };
  }, [asset.id, asset.kind]);
  return (
    <section className="placeholder" aria-label="Asset details">
      <h2>{asset.originalName}</h2>
      <p className="muted">The {asset.kind} tool is not available in this build; the item and its metadata are shown below.</p>
      <dl className="meta">
        <dt>Kind</dt><dd>{asset.kind}</dd>
        <dt>Type</dt><dd>{asset.mime}</dd>
        <dt>Size</dt><dd>{formatBytes(asset.size)}</dd>
        {asset.width ? (<><dt>Dimensions</dt><dd>{asset.width} × {asset.height} px</dd></>) : null}
        {asset.durationMs ? (<><dt>Duration</dt><dd>{formatDuration(asset.durationMs / 1000)}</dd></>) : null}
        <dt>SHA-256</dt><dd className="mono">{asset.id}</dd>
      </dl>
      {asset.kind === 'image' && <img className="preview" src={mediaUrl(asset.id)} alt={`Preview of ${asset.originalName}`} />}
      {asset.kind === 'audio' && <audio controls preload="metadata" src={mediaUrl(asset.id)} aria-label={`Play ${asset.originalName}`} />}
      {asset.kind === 'text' && <pre className="preview-text" aria-label="Text preview">{text ?? 'Loading…'}</pre>}
    </section>
  );
}
