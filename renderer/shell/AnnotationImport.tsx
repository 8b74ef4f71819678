// "Import annotations" in the Import and export dialog: pick a format and a file; when the file has labels, a
// mapping step shows them (names, ids, counts) beside the project's labels: keep each as a label of its own (the
// dataset's vocabulary, the default), map it onto a project label, or skip its objects. The choice is remembered
// per project and format and offered on the next import; the import applies it in one transaction.
import { useState } from 'react';
import { tagger } from '../api/tagger.ts';
import type { FormatInfo, ImportPreview, AnnotationImportReport } from '../../shared/api/formats.ts';
import type { LabelDef } from '../../shared/domain.ts';
import { ClassMapping, type ClassMappingValue } from '../features/schema/ClassMapping.tsx';
import { usePathExample } from './FileFolders.tsx';

export type RunResult = { ok: boolean; text: string } | null;

function reportText(r: AnnotationImportReport): RunResult {
  const skipped = r.skipped.length ? `: ${r.skipped.slice(0, 5).map((f) => `${f.path} (${f.reason})`).join('; ')}` : '';
  const notes = r.notes?.length ? ` · ${r.notes.join(' · ')}` : '';
  return { ok: !r.skipped.length, text: `Read ${r.objects} annotation(s) onto ${r.tasks} task(s); ${r.skipped.length} skipped${skipped}${notes}` };
}

interface Step { format: FormatInfo; path: string; preview: ImportPreview; labels: LabelDef[]; mapping: ClassMappingValue }

export function AnnotationImport({ projectId, formats, busy, run }: { projectId: string; formats: FormatInfo[]; busy: boolean; run: (what: () => Promise<RunResult>) => Promise<void> }) {
  const [formatId, setFormatId] = useState('');
  const [file, setFile] = useState('');
  const [annotator, setAnnotator] = useState('');
  const example = usePathExample('annotations.json');
  const [step, setStep] = useState<Step | null>(null);

  const inspect = () => run(async () => {
    const format = formats.find((f) => f.id === formatId)!;
    // Another annotator's version is read as that person's work for review, onto the project's labels as they are.
    if (annotator.trim()) {
      const r = await tagger.formats.import(projectId, format.id, file, { annotator: annotator.trim() });
      const done = reportText(r)!;
      return { ...done, text: `${annotator.trim()}'s version: ${done.text}. Open Review mode to compare it.` };
    }
    const [preview, project] = await Promise.all([tagger.formats.inspect(projectId, format.id, file), tagger.projects.get(projectId)]);
    if (!preview || !preview.classes.length) return reportText(await tagger.formats.import(projectId, format.id, file));
    const names = new Set(preview.classes.map((c) => c.name));
    const mapping = Object.fromEntries(Object.entries(preview.remembered).filter(([name]) => names.has(name)));
    setStep({ format, path: file, preview, labels: project.schema[format.kind]?.labels ?? [], mapping });
    return null;
  });
  const importMapped = (s: Step) => run(async () => {
    const r = await tagger.formats.import(projectId, s.format.id, s.path, { mapping: s.mapping, remember: true });
    setStep(null);
    return reportText(r);
  });

  if (step) {
    const own = new Set(step.labels.map((l) => l.name));
    return (
      <form className="settings import-mapping" aria-label="Label mapping" onSubmit={(e) => { e.preventDefault(); void importMapped(step); }}>
        <h3>Labels in {step.path.split(/[\\/]/).pop()}</h3>
        <p className="muted">Each label of the file becomes a label of its own, as the dataset names it, unless you map it onto one of this project's {step.format.kind} labels or skip its objects. Your choice is kept for the next {step.format.label} import.</p>
        <ClassMapping
          rows={step.preview.classes}
          labels={step.labels}
          value={step.mapping}
          onChange={(mapping) => setStep({ ...step, mapping })}
          defaultText={(r) => (own.has(r.name) ? `keep (the project's "${r.name}")` : 'keep as new label')}
          skipText="skip (not imported)"
          caption="Labels in the file"
        />
        <div className="dialog-actions">
          <button type="button" onClick={() => setStep(null)} disabled={busy}>Back</button>
          <button type="submit" className="primary" disabled={busy}>Import with this mapping</button>
        </div>
      </form>
    );
  }
  const importable = formats.filter((f) => f.canImport);
  return (
    <form className="settings" onSubmit={(e) => { e.preventDefault(); void inspect(); }}>
      <h3>Import annotations</h3>
      <label>Format
        <select aria-label="Import format" value={formatId} onChange={(e) => setFormatId(e.target.value)} required>
          <option value="">Choose…</option>
          {importable.map((f) => <option key={f.id} value={f.id}>{f.label} ({f.kind})</option>)}
        </select>
      </label>
      <label>File or folder<input aria-label="Annotation file to import" value={file} onChange={(e) => setFile(e.target.value)} placeholder={example} required /></label>
      <label>As the version of (optional: another annotator's work, for review)<input aria-label="Import as the version of annotator" value={annotator} onChange={(e) => setAnnotator(e.target.value)} placeholder="leave empty to import onto the project's own work" maxLength={100} /></label>
      <button type="submit" disabled={busy || !importable.length}>Import annotations</button>
    </form>
  );
}
