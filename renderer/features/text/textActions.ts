// The text workspace's commands as actions (keys shown in the shortcut list and palette).
import { useActions } from '../../actions/registry.ts';
import type { ModalitySchema } from '../../../shared/domain.ts';
import { useTextUi } from './textUi.ts';
import { selectOne, selectedId, setCurrentLabel, stepIndex } from '../workspace/selection.ts';
import { labelActions } from '../workspace/labelActions.ts';
import { selectionRange } from './domOffsets.ts';
import { acceptSuggestion, createRelation, createSpan, deleteSpan, getSession, rejectSuggestion, relabel, runPretagger } from './spanOps.ts';

/** A label key: tags the selected text, else relabels the selected span, else makes the label the active one. */
export function applyLabel(label: string, root: HTMLElement | null) {
  const r = root ? selectionRange(root) : null;
  if (r) {
    createSpan(r.start, r.end, label);
    window.getSelection()?.removeAllRanges();
    return;
  }
  const sel = selectedId();
  if (sel && getSession()?.model.span(sel)) relabel(sel, label);
  setCurrentLabel(label);
}

function extend(root: HTMLElement | null, dir: 'forward' | 'backward', unit: 'character' | 'word' | 'line') {
  if (!root) return;
  const sel = window.getSelection() as Selection & { modify?: (a: string, d: string, u: string) => void };
  if (!sel) return;
  if (!sel.rangeCount || !root.contains(sel.anchorNode)) {
    // Start at the first visible character.
    const seg = root.querySelector('.tx-seg');
    if (!seg?.firstChild) return;
    sel.collapse(seg.firstChild, 0);
  }
  sel.modify?.('extend', dir, unit);
  // Keep the moving end inside the document and on screen (the rows it reaches then render on scroll).
  const f = sel.focusNode;
  const el = f && (f.nodeType === Node.TEXT_NODE ? f.parentElement : (f as Element));
  if (!el || !root.contains(el)) { sel.modify?.('extend', dir === 'forward' ? 'backward' : 'forward', unit); return; }
  el.scrollIntoView({ block: 'nearest' });
}

/** Tab and Shift+Tab walk the spans in text order and wrap at the ends, as in every workspace. */
function stepSpan(dir: 1 | -1) {
  const s = getSession();
  if (!s) return;
  const sel = selectedId();
  const i = stepIndex(sel ? s.model.index.indexOf(sel) : -1, s.model.index.size, dir);
  if (i !== null) selectOne(s.model.index.sorted[i].id, true);
}

export function useTextActions(schema: ModalitySchema, docRef: React.RefObject<HTMLDivElement | null>) {
  useActions(() => {
    const relTypes = schema.relations ?? [];
    const picking = () => !!useTextUi.getState().relateTo;
    const keyed = schema.labels.filter((l) => l.hotkey);
    const labelKeys = labelActions(schema.labels, 'text', 'Text', (id) => {
      const ui = useTextUi.getState();
      // While choosing a relation type the number keys pick the type (the n-th label key, the n-th type).
      const i = keyed.findIndex((l) => l.id === id);
      if (picking() && relTypes[i] && ui.relateFrom && ui.relateTo) {
        createRelation(ui.relateFrom, ui.relateTo, relTypes[i].id);
        useTextUi.setState({ relateFrom: null, relateTo: null });
        return;
      }
      applyLabel(id, docRef.current);
    });
    const sel = () => selectedId();
    // Tab steps through spans only while the document has focus, so it still moves focus everywhere else.
    const focusInDoc = () => !!docRef.current && docRef.current.contains(document.activeElement);
    const inDoc = () => !!docRef.current && (focusInDoc() || !!selectionRange(docRef.current) || document.activeElement === document.body);
    return [
      ...labelKeys,
      { id: 'text.delete', title: 'Delete span', group: 'Text', keys: ['Delete', 'Backspace'], enabled: () => !!sel(), run: () => deleteSpan(sel()!) },
      { id: 'text.relate', title: 'Relate selected span to…', group: 'Text', keys: ['R'], enabled: () => !!sel(), run: () => useTextUi.setState({ relateFrom: sel(), relateTo: null }) },
      { id: 'text.accept', title: 'Accept suggestion', group: 'Text', keys: ['A'], run: () => acceptSuggestion(sel()) },
      { id: 'text.reject', title: 'Reject suggestion', group: 'Text', keys: ['X'], run: () => rejectSuggestion(sel()) },
      {
        id: 'text.picker', title: 'Pick a label…', group: 'Text', keys: ['/'],
        run: () => useTextUi.setState({ picker: (docRef.current && selectionRange(docRef.current)) ?? { start: 0, end: 0 } }),
      },
      { id: 'text.pretag', title: 'Pre-tag with the project rules', group: 'Text', run: () => void runPretagger() },
      { id: 'text.snap', title: 'Toggle snapping to words', group: 'Text', run: () => useTextUi.setState((s) => ({ snap: !s.snap })) },
      {
        id: 'text.escape', title: 'Cancel relation / clear selection', group: 'Text', keys: ['Escape'],
        run: () => { useTextUi.setState({ relateFrom: null, relateTo: null }); selectOne(null); window.getSelection()?.removeAllRanges(); },
      },
      { id: 'text.next', title: 'Next span', group: 'Text', keys: ['Tab'], enabled: focusInDoc, run: () => stepSpan(1) },
      { id: 'text.prev', title: 'Previous span', group: 'Text', keys: ['Shift+Tab'], enabled: focusInDoc, run: () => stepSpan(-1) },
      { id: 'text.extend.right', title: 'Extend selection right', group: 'Text', keys: ['Shift+ArrowRight'], enabled: inDoc, run: () => extend(docRef.current, 'forward', 'character') },
      { id: 'text.extend.left', title: 'Extend selection left', group: 'Text', keys: ['Shift+ArrowLeft'], enabled: inDoc, run: () => extend(docRef.current, 'backward', 'character') },
      { id: 'text.extend.wordright', title: 'Extend selection by a word', group: 'Text', keys: ['Ctrl+Shift+ArrowRight'], enabled: inDoc, run: () => extend(docRef.current, 'forward', 'word') },
      { id: 'text.extend.wordleft', title: 'Extend selection back by a word', group: 'Text', keys: ['Ctrl+Shift+ArrowLeft'], enabled: inDoc, run: () => extend(docRef.current, 'backward', 'word') },
      { id: 'text.extend.down', title: 'Extend selection a line down', group: 'Text', keys: ['Shift+ArrowDown'], enabled: inDoc, run: () => extend(docRef.current, 'forward', 'line') },
      { id: 'text.extend.up', title: 'Extend selection a line up', group: 'Text', keys: ['Shift+ArrowUp'], enabled: inDoc, run: () => extend(docRef.current, 'backward', 'line') },
    ];
  }, [schema, docRef]);
}
