// The project's labels and schema for each kind of task: labels (name, color, key, order), attributes, audio tiers,
// text relation types and the pre-tagger's rules. The draft is saved whole through projects.update (the contract
// validates it); a saved change can be taken back with "Undo last save", also after a reload. Renames and new colors
// reach existing objects at once, since objects name their label by id.
import { useEffect, useState } from 'react';
import type { AssetKind, AttributeType, LabelSchema, ModalitySchema } from '../../../shared/domain.ts';
import { defaultSchema } from '../../../shared/defaultSchema.ts';
import { tagger } from '../../api/tagger.ts';
import { useApp, toast, errorText } from '../../stores/app.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import * as d from './schemaDraft.ts';
import './schema.css';

const KINDS: AssetKind[] = ['image', 'audio', 'text'];
const KIND_NAME: Record<AssetKind, string> = { image: 'Image', audio: 'Audio', text: 'Text' };
const TYPES: AttributeType[] = ['checkbox', 'select', 'text', 'number'];
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

export function SchemaEditorDialog() {
  const projectId = useApp((s) => s.projectId);
  const openKind = useApp((s) => s.tasks.find((t) => t.id === s.taskId)?.kind);
  const [saved, setSaved] = useState<LabelSchema | null>(null);
  const [draft, setDraft] = useState<LabelSchema | null>(null);
  const [kind, setKind] = useState<AssetKind>(openKind ?? 'image');
  const [error, setError] = useState<string | null>(null);
  const [undoable, setUndoable] = useState<d.SchemaUndo | null>(null);
  const close = () => useApp.setState({ dialog: null });
  useEffect(() => {
    if (!projectId) return;
    void tagger.projects.get(projectId).then((p) => { setSaved(p.schema); setDraft(p.schema); setUndoable(d.savedUndo(projectId, p.schema)); }, (e) => setError(errorText(e)));
  }, [projectId]);
  if (!projectId) return null;
  const ms: ModalitySchema | null = draft ? draft[kind] ?? defaultSchema()[kind]! : null;
  const edit = (f: (m: ModalitySchema) => ModalitySchema) => setDraft((cur) => (cur && ms ? { ...cur, [kind]: f(ms) } : cur));
  const problems = ms ? d.schemaProblems(ms) : [];

  const store = async (schema: LabelSchema, message: string, undoing = false) => {
    setError(null);
    try {
      const before = saved;
      const p = await tagger.projects.update(projectId, { schema });
      if (undoing || !before) d.forgetUndo(projectId);
      else d.rememberSave(projectId, before, p.schema);
      setUndoable(undoing || !before ? null : { before, after: p.schema });
      setSaved(p.schema);
      setDraft(p.schema);
      useApp.setState((s) => ({ schemaRev: s.schemaRev + 1 }));
      toast('success', message);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const undoLast = async () => {
    if (undoable) await store(undoable.before, 'The last labels change was undone.', true);
  };

  return (
    <Dialog title="Labels and schema" onClose={close} className="schema-dialog">
      <div role="tablist" aria-label="Kind of task" className="schema-tabs">
        {KINDS.map((k) => <button key={k} role="tab" aria-selected={kind === k} onClick={() => setKind(k)}>{KIND_NAME[k]}</button>)}
      </div>
      {!ms ? <p className="muted" aria-busy="true">Loading…</p> : (
        <div className="schema-body">
          <section aria-labelledby="schema-labels-h">
            <h3 id="schema-labels-h">Labels</h3>
            <ol className="schema-rows">
              {ms.labels.map((l, i) => (
                <li key={l.id}>
                  <input aria-label={`Name of label ${i + 1}`} value={l.name} maxLength={200} onChange={(e) => edit((m) => d.updateLabel(m, i, { name: e.target.value }))} />
                  <input type="color" aria-label={`Color of ${l.name}`} value={l.color} onChange={(e) => edit((m) => d.updateLabel(m, i, { color: e.target.value }))} />
                  <select aria-label={`Key of ${l.name}`} value={l.hotkey ?? ''} onChange={(e) => edit((m) => d.updateLabel(m, i, { hotkey: e.target.value || undefined }))}>
                    <option value="">no key</option>
                    {d.HOTKEYS.map((k) => <option key={k} value={k}>key {k}</option>)}
                  </select>
                  <button type="button" aria-label={`Move ${l.name} up`} disabled={i === 0} onClick={() => edit((m) => d.moveLabel(m, i, -1))}>↑</button>
                  <button type="button" aria-label={`Move ${l.name} down`} disabled={i === ms.labels.length - 1} onClick={() => edit((m) => d.moveLabel(m, i, 1))}>↓</button>
                  <button type="button" aria-label={`Remove ${l.name}`} onClick={() => edit((m) => d.removeLabel(m, i))}>✕</button>
                </li>
              ))}
            </ol>
            <button type="button" onClick={() => edit((m) => d.addLabel(m))}>Add label</button>
            <p className="muted">Labels past the tenth have no key; reach them with the label picker (/). Objects of a removed label keep it until relabeled.</p>
          </section>
          <section aria-labelledby="schema-attrs-h">
            <h3 id="schema-attrs-h">Attributes</h3>
            <ol className="schema-rows">
              {ms.attributes.map((a, i) => (
                <li key={a.id}>
                  <input aria-label={`Name of attribute ${i + 1}`} value={a.name} maxLength={200} onChange={(e) => edit((m) => d.updateAttribute(m, i, { name: e.target.value }))} />
                  <select aria-label={`Type of ${a.name}`} value={a.type} onChange={(e) => edit((m) => d.updateAttribute(m, i, { type: e.target.value as AttributeType }))}>
                    {TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                  </select>
                  {a.type === 'select' ? <input aria-label={`Choices of ${a.name}, comma separated`} defaultValue={(a.options ?? []).join(', ')} onBlur={(e) => edit((m) => d.updateAttribute(m, i, { options: e.target.value.split(',').map((x) => x.trim()).filter(Boolean) }))} /> : null}
                  <button type="button" aria-label={`Remove ${a.name}`} onClick={() => edit((m) => d.removeAttribute(m, i))}>✕</button>
                </li>
              ))}
            </ol>
            <button type="button" onClick={() => edit((m) => d.addAttribute(m))}>Add attribute</button>
          </section>
          {kind === 'audio' ? (
            <section aria-labelledby="schema-tiers-h">
              <h3 id="schema-tiers-h">Tiers</h3>
              <ol className="schema-rows">
                {(ms.tiers ?? []).map((t, i) => (
                  <li key={t.id}>
                    <input aria-label={`Name of tier ${i + 1}`} value={t.name} maxLength={200} onChange={(e) => edit((m) => d.updateTier(m, i, { name: e.target.value }))} />
                    <label title="Segments on this tier may not overlap: a moved segment or a dragged edge stops at its neighbours">
                      <input type="checkbox" aria-label={`Segments on ${t.name} may not overlap`} checked={t.exclusive === true} onChange={(e) => edit((m) => d.updateTier(m, i, { exclusive: e.target.checked || undefined }))} /> No overlap
                    </label>
                    <button type="button" aria-label={`Remove ${t.name}`} onClick={() => edit((m) => d.removeTier(m, i))}>✕</button>
                  </li>
                ))}
              </ol>
              <button type="button" onClick={() => edit((m) => d.addTier(m))}>Add tier</button>
            </section>
          ) : null}
          {kind === 'text' ? (
            <section aria-labelledby="schema-rels-h">
              <h3 id="schema-rels-h">Relation types</h3>
              <ol className="schema-rows">
                {(ms.relations ?? []).map((r, i) => (
                  <li key={r.id}>
                    <input aria-label={`Name of relation type ${i + 1}`} value={r.name} maxLength={200} onChange={(e) => edit((m) => d.updateRelation(m, i, { name: e.target.value }))} />
                    <input type="color" aria-label={`Color of relation ${r.name}`} value={r.color} onChange={(e) => edit((m) => d.updateRelation(m, i, { color: e.target.value }))} />
                    <button type="button" aria-label={`Remove relation ${r.name}`} onClick={() => edit((m) => d.removeRelation(m, i))}>✕</button>
                  </li>
                ))}
              </ol>
              <button type="button" onClick={() => edit((m) => d.addRelation(m))}>Add relation type</button>
            </section>
          ) : null}
          {kind === 'text' ? (
            <section aria-labelledby="schema-rules-h">
              <h3 id="schema-rules-h">Pre-tagger rules</h3>
              <p className="muted">Terms match whole words; patterns are RE2 regular expressions (no lookaround or backreferences), one per line.</p>
              <ol className="schema-rules">
                {(ms.pretagger ?? []).map((r, i) => (
                  <li key={i}>
                    <select aria-label={`Label of rule ${i + 1}`} value={r.label} onChange={(e) => edit((m) => d.updateRule(m, i, { label: e.target.value }))}>
                      {ms.labels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
                    </select>
                    <textarea aria-label={`Terms of rule ${i + 1}`} placeholder="Terms, one per line" rows={2} defaultValue={(r.terms ?? []).join('\n')} onBlur={(e) => edit((m) => d.updateRule(m, i, { terms: lines(e.target.value) }))} />
                    <textarea aria-label={`Patterns of rule ${i + 1}`} placeholder="Patterns (RE2), one per line" rows={2} defaultValue={(r.patterns ?? []).join('\n')} onBlur={(e) => edit((m) => d.updateRule(m, i, { patterns: lines(e.target.value) }))} />
                    <label><input type="checkbox" checked={!!r.caseSensitive} onChange={(e) => edit((m) => d.updateRule(m, i, { caseSensitive: e.target.checked }))} /> Case sensitive</label>
                    <button type="button" aria-label={`Remove rule ${i + 1}`} onClick={() => edit((m) => d.removeRule(m, i))}>✕</button>
                  </li>
                ))}
              </ol>
              <button type="button" onClick={() => edit((m) => d.addRule(m))}>Add rule</button>
            </section>
          ) : null}
        </div>
      )}
      {problems.length ? <ul role="alert" className="schema-problems">{problems.map((p) => <li key={p}>{p}</li>)}</ul> : null}
      {error ? <p role="alert" className="schema-problems">{error}</p> : null}
      <footer className="schema-actions">
        <button type="button" disabled={!undoable} onClick={() => void undoLast()}>Undo last save</button>
        <button type="button" disabled={draft === saved} onClick={() => setDraft(saved)}>Discard changes</button>
        <button type="button" className="primary" disabled={!draft || draft === saved || problems.length > 0} onClick={() => draft && void store(draft, 'Labels saved.')}>Save</button>
      </footer>
    </Dialog>
  );
}
