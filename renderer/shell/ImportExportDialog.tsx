// Import files, import annotations in a known format, export annotations: one dialog for every modality, fed by
// the format registry of the core. Paths are on this machine (the core runs here, in both shells).
import { useEffect, useState } from 'react';
import { useApp, toast, errorText } from '../stores/app.ts';
import { tagger } from '../api/tagger.ts';
import { refreshProjects, refreshTasks } from '../stores/navigation.ts';
import type { FormatInfo } from '../../shared/api/formats.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { JobList } from './StatusBar.tsx';
import { BundleSection } from './BundleSection.tsx';
import { AnnotationImport, type RunResult } from './AnnotationImport.tsx';
import { submitOnCtrlEnter } from '../ui/submitOnCtrlEnter.ts';
import { FileFoldersHint, usePathExample } from './FileFolders.tsx';

const close = () => useApp.setState({ dialog: null });

export function ImportExportDialog() {
  const projectId = useApp((s) => s.projectId);
  const project = useApp((s) => s.projects.find((p) => p.id === s.projectId));
  const [formats, setFormats] = useState<FormatInfo[]>([]);
  const [paths, setPaths] = useState('');
  const [exportFormat, setExportFormat] = useState('');
  const [exportPath, setExportPath] = useState('');
  const [busy, setBusy] = useState(false);
  const jobs = useApp((s) => s.jobs);
  // Results are shown inside the dialog: while it is modal, the rest of the page (toasts too) is inert.
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => void tagger.formats.list().then(setFormats).catch(() => undefined), []);
  const run = async (what: () => Promise<RunResult>) => {
    setBusy(true);
    setResult(null);
    try {
      const r = await what();
      setResult(r);
      if (r) toast(r.ok ? 'success' : 'error', r.text);
      await refreshTasks();
      await refreshProjects();
      // An import may have added labels (a dataset's own): the open workspace takes the project's new schema.
      useApp.setState((st) => ({ schemaRev: st.schemaRev + 1 }));
    } catch (e) {
      setResult({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const exportable = formats.filter((f) => f.canExport);
  const importExample = usePathExample('my-images');
  const exportExample = usePathExample('annotations.json');
  return (
    <Dialog title="Import and export" onClose={close}>
      {result ? <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'result-ok' : 'result-error'}>{result.text}</p> : null}
      {busy ? <p className="muted dialog-busy" aria-live="polite">Working… <JobList jobs={jobs} /></p> : null}
      <FileFoldersHint />
      {projectId ? <>
      <form className="settings" onSubmit={(e) => { e.preventDefault(); void run(async () => {
        const r = await tagger.imports.paths(projectId!, paths.split('\n').map((p) => p.trim()).filter(Boolean));
        return { ok: !r.failed.length, text: `Imported ${r.imported} item(s), ${r.duplicates} duplicate(s)${r.versions ? `, ${r.versions} repeated text(s) kept as another annotator's version` : ''}, ${r.failed.length} failed${r.failed.length ? `: ${r.failed.slice(0, 5).map((f) => `${f.path} (${f.reason})`).join('; ')}` : ''}` };
      }); }}>
        <h3>Import files into {project?.name}</h3>
        <label>Files or folders, one per line (Ctrl+Enter imports)<textarea aria-label="Files or folders to import, one per line" rows={3} value={paths} onChange={(e) => setPaths(e.target.value)} onKeyDown={submitOnCtrlEnter} placeholder={importExample} required /></label>
        <button type="submit" disabled={busy}>Import files</button>
      </form>
      <AnnotationImport projectId={projectId} formats={formats} busy={busy} run={run} />
      <form className="settings" onSubmit={(e) => { e.preventDefault(); void run(async () => {
        const r = await tagger.formats.export(projectId!, exportFormat, exportPath);
        return { ok: true, text: `Exported ${r.objects} object(s) of ${r.tasks} task(s) to ${r.path}${r.warnings.length ? ` (${r.warnings.length} note(s): ${r.warnings.slice(0, 3).join('; ')})` : ''}` };
      }); }}>
        <h3>Export annotations</h3>
        <label>Format
          <select aria-label="Export format" value={exportFormat} onChange={(e) => setExportFormat(e.target.value)} required>
            <option value="">Choose…</option>
            {exportable.map((f) => <option key={f.id} value={f.id}>{f.label} ({f.kind}{f.output === 'directory' ? ', folder' : ''})</option>)}
          </select>
        </label>
        <label>Write to<input aria-label="Export destination" value={exportPath} onChange={(e) => setExportPath(e.target.value)} placeholder={exportExample} required /></label>
        <button type="submit" disabled={busy || !exportable.length}>Export</button>
      </form>
      </> : null}
      <BundleSection projectId={projectId} projectName={project?.name} busy={busy} run={run} />
    </Dialog>
  );
}
