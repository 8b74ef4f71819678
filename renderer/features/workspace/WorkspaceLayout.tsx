// The frame every modality's tool fills: a toolbar row, the main area, and a collapsible side panel
// (Objects / Segments / Spans list above the selection's attributes). Collapsing is remembered in settings.
import type { ReactNode } from 'react';
import { useApp } from '../../stores/app.ts';
import { tagger } from '../../api/tagger.ts';
import { useReadOnly } from '../document/documentStore.ts';

export function WorkspaceLayout({ toolbar, children, side, sideTitle }: { toolbar?: ReactNode; children: ReactNode; side?: ReactNode; sideTitle?: string }) {
  const collapsed = useApp((s) => s.settings.panelCollapsed);
  const readOnly = useReadOnly();
  const toggle = async () => useApp.setState({ settings: await tagger.settings.set({ panelCollapsed: !collapsed }) });
  return (
    <div className={`ws-layout${collapsed || !side ? ' ws-no-side' : ''}${readOnly ? ' ws-readonly' : ''}`}>
      {readOnly ? (
        <div className="ws-readonly-banner" role="note" aria-label="Read-only task">
          <strong>Submitted — read-only.</strong> This task was signed and sent; its annotations can be looked at but no longer changed.
        </div>
      ) : null}
      {toolbar ? <div className="ws-toolbar">{toolbar}</div> : null}
      <div className="ws-main">{children}</div>
      {side ? (
        <aside className="ws-side" aria-label={sideTitle ?? 'Side panel'}>
          <button className="ws-side-toggle" onClick={toggle} aria-label={collapsed ? `Show ${sideTitle ?? 'side panel'}` : `Hide ${sideTitle ?? 'side panel'}`} aria-expanded={!collapsed}>
            {collapsed ? '‹' : '›'}
          </button>
          {collapsed ? null : side}
        </aside>
      ) : null}
    </div>
  );
}
