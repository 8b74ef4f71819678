// Signed `.tagger` bundles inside the Import/Export dialog: export the open project (signed by the unlocked
// wallet), check and import a bundle, and keep the trusted-keys list. Long work shows in the dialog's job list
// with Cancel; a refused bundle lists every problem found and nothing is imported.
import { useEffect, useState } from 'react';
import { tagger } from '../api/tagger.ts';
import type { BundleVerifyReport, TrustedKeyInfo } from '../../shared/api/bundles.ts';
import type { BundleProblem } from '../../shared/bundle/problems.ts';
import { errorText, useApp } from '../stores/app.ts';
import { formatBytes } from '../../shared/bytes.ts';
import { usePathExample } from './FileFolders.tsx';

export interface RunResult {
  ok: boolean;
  text: string;
}

interface Props {
  projectId: string | null;
  projectName?: string;
  busy: boolean;
  run: (what: () => Promise<RunResult>) => Promise<void>;
}

function verifyText(r: BundleVerifyReport): RunResult {
  const head = r.project ? `"${r.project.name}": ${r.counts?.tasks ?? 0} task(s), ${r.counts?.submissions ?? 0} submission(s), ${r.counts?.reviews ?? 0} review(s), signed by ${r.signer ?? 'nobody valid'}${r.trusted ? ' (trusted)' : ''}.` : '';
  const who = r.signers.map((s) => `${s.address}: ${s.submissions} submission(s), ${s.reviews} review(s)`).join('; ');
  if (r.ok) return { ok: true, text: `Bundle checks out. ${head}${who ? ` Work signed by ${who}.` : ''}` };
  return { ok: false, text: `${head ? `${head}\n` : ''}${r.problems.length} problem(s):\n${r.problems.map((p) => `• ${p.message}`).join('\n')}` };
}

export function BundleSection({ projectId, projectName, busy, run }: Props) {
  const [exportPath, setExportPath] = useState('');
  const exportExample = usePathExample('project.tagger', '/media/stick/project.tagger');
  const importExample = usePathExample('work.tagger', '/media/stick/work.tagger');
  const [withMedia, setWithMedia] = useState(true);
  const opened = useApp((s) => s.openedBundle);
  const [importPath, setImportPath] = useState(opened ?? '');
  const [keys, setKeys] = useState<TrustedKeyInfo[]>([]);
  const [newKey, setNewKey] = useState('');
  const [newKeyName, setNewKeyName] = useState('');
  useEffect(() => void tagger.bundles.trustedKeys().then(setKeys).catch(() => undefined), []);
  // a bundle opened with the app is checked at once (nothing is imported until the user says so)
  useEffect(() => {
    if (!opened) return;
    setImportPath(opened);
    useApp.setState({ openedBundle: null });
    void run(async () => verifyText(await tagger.bundles.verify(opened)));
  }, [opened]);
  const problemsOf = (e: unknown): string => {
    const problems = (e as { detail?: { problems?: BundleProblem[] } }).detail?.problems;
    return problems && problems.length > 1 ? `${errorText(e).split(' (and ')[0]}\n${problems.map((p) => `• ${p.message}`).join('\n')}` : errorText(e);
  };
  return (
    <>
      {projectId ? (
        <form className="settings" onSubmit={(e) => { e.preventDefault(); void run(async () => {
          const r = await tagger.bundles.export(projectId, exportPath, { withMedia });
          return { ok: true, text: `Wrote ${r.path} (${formatBytes(r.bytes)}): ${r.tasks} task(s)${r.withMedia ? ' with media' : ''}, ${r.submissions} submission(s), ${r.reviews} review(s), signed by ${r.signer}.` };
        }); }}>
          <h3>Export a signed bundle of {projectName}</h3>
          <label>Write to<input aria-label="Bundle destination" value={exportPath} onChange={(e) => setExportPath(e.target.value)} placeholder={exportExample} required /></label>
          <label className="inline"><input type="checkbox" checked={withMedia} onChange={(e) => setWithMedia(e.target.checked)} /> Include media (images, audio, text files)</label>
          <button type="submit" disabled={busy}>Export bundle</button>
        </form>
      ) : null}
      <form className="settings" onSubmit={(e) => { e.preventDefault(); void run(async () => {
        try {
          const r = await tagger.bundles.import(importPath);
          const flagged = r.flagged.length ? ` ${r.flagged.length} task(s) flagged for review: ${r.flagged.map((f) => `${f.taskId} (${f.versions} versions by ${f.annotator})`).join(', ')}.` : '';
          return { ok: true, text: `Imported into "${r.projectName}" from ${r.signer}: ${r.tasks.added} new task(s), ${r.submissions.added} new submission(s) (${r.submissions.existing} already here), ${r.reviews.added} new review(s).${flagged}` };
        } catch (err) {
          return { ok: false, text: problemsOf(err) };
        }
      }); }}>
        <h3>Import a signed bundle</h3>
        <label>Bundle file<input aria-label="Bundle to import" value={importPath} onChange={(e) => setImportPath(e.target.value)} placeholder={importExample} required /></label>
        <div className="row">
          <button type="button" disabled={busy || !importPath} onClick={() => void run(async () => verifyText(await tagger.bundles.verify(importPath)))}>Check bundle</button>
          <button type="submit" disabled={busy}>Import bundle</button>
        </div>
      </form>
      <form className="settings" onSubmit={(e) => { e.preventDefault(); void run(async () => {
        setKeys(await tagger.bundles.trust(newKey, newKeyName));
        setNewKey('');
        setNewKeyName('');
        return { ok: true, text: `Trusted ${newKey.trim()}: bundles it signs can be imported here.` };
      }); }}>
        <h3>Trusted keys</h3>
        {keys.length ? (
          <ul className="trusted-keys" aria-label="Trusted keys">
            {keys.map((k) => (
              <li key={k.address}>
                <code>{k.address}</code> {k.name}
                <button type="button" aria-label={`Stop trusting ${k.address}`} disabled={busy} onClick={() => void run(async () => {
                  setKeys(await tagger.bundles.untrust(k.address));
                  return { ok: true, text: `No longer trusted: ${k.address}.` };
                })}>Remove</button>
              </li>
            ))}
          </ul>
        ) : <p className="muted">No trusted keys yet: bundles signed by anyone but this machine's wallet are refused. Add a teammate's address (from their Wallet panel).</p>}
        <label>Wallet address<input aria-label="Address to trust" value={newKey} onChange={(e) => setNewKey(e.target.value)} placeholder="0x…" required /></label>
        <label>Name<input aria-label="Name of the key" value={newKeyName} onChange={(e) => setNewKeyName(e.target.value)} placeholder="who this is" /></label>
        <button type="submit" disabled={busy}>Trust this key</button>
      </form>
    </>
  );
}
