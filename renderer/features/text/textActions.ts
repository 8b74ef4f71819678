// The text workspace's commands as actions (keys shown in the shortcut list and palette).
import { useActions, type Action } from '../../actions/registry.ts';
import type { ModalitySchema } from '../../../shared/domain.ts';
import { jumpTo, useTextUi } from './textUi.ts';
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
  const { selectedId } = useTextUi.getState();
  if (selectedId && getSession()?.model.span(selectedId)) relabel(selectedId, label);
  useTextUi.setState({ activeLabel: label });
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

/** At the last span (or first, going back) Tab lets focus leave the document: no keyboard trap. */
function atEnd(delta: number): boolean {
  const s = getSession();
  if (!s || !s.model.index.size) return true;
  const { selectedId } = useTextUi.getState();
  const i = selectedId ? s.model.index.indexOf(selectedId) : -1;
  return i >= 0 && (delta > 0 ? i === s.model.index.size - 1 : i === 0);
}

function stepSpan(delta: number) {
  const s = getSession();
  if (!s || !s.model.index.size) return;
  const { selectedId } = useTextUi.getState();
  const i = selectedId ? s.model.index.indexOf(selectedId) : -1;
  const n = s.model.index.size;
  const next = s.model.index.sorted[i < 0 ? (delta > 0 ? 0 : n - 1) : Math.max(0, Math.min(n - 1, i + delta))];
  useTextUi.setState({ selectedId: next.id });
  jumpTo(next.start);
}

export function useTextActions(schema: ModalitySchema, docRef: React.RefObject<HTMLDivElement | null>) {
  useActions(() => {
    const relTypes = schema.relations ?? [];
    const picking = () => !!useTextUi.getState().relateTo;
    const labelActions: Action[] = schema.labels.filter((l) => l.hotkey).map((l, i) => ({
      id: `text.label.${l.id}`, title: `Label: ${l.name}`, group: 'Text', keys: [l.hotkey!],
      run: () => {
        const ui = useTextUi.getState();
        // While choosing a relation type the number keys pick the type.
        if (picking() && relTypes[i] && ui.relateFrom && ui.relateTo) {
          createRelation(ui.relateFrom, ui.relateTo, relTypes[i].id);
          useTextUi.setState({ relateFrom: null, relateTo: null });
          return;
        }
        applyLabel(l.id, docRef.current);
      },
    }));
    const sel = () => useTextUi.getState().selectedId;
    // Tab steps through spans only while the document has focus, so it still moves focus everywhere else.
    const focusInDoc = () => !!docRef.current && docRef.current.contains(document.activeElement);
    const inDoc = () => !!docRef.current && (focusInDoc() || !!selectionRange(docRef.current) || document.activeElement === document.body);
    return [
      ...labelActions,
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
        run: () => { useTextUi.setState({ relateFrom: null, relateTo: null, selectedId: null }); window.getSelection()?.removeAllRanges(); },
      },
      { id: 'text.next', title: 'Next span', group: 'Text', keys: ['Tab'], enabled: () => focusInDoc() && !atEnd(1), run: () => stepSpan(1) },
      { id: 'text.prev', title: 'Previous span', group: 'Text', keys: ['Shift+Tab'], enabled: () => focusInDoc() && !atEnd(-1), run: () => stepSpan(-1) },
      { id: 'text.extend.right', title: 'Extend selection right', group: 'Text', keys: ['Shift+ArrowRight'], enabled: inDoc, run: () => extend(docRef.current, 'forward', 'character') },
      { id: 'text.extend.left', title: 'Extend selection left', group: 'Text', keys: ['Shift+ArrowLeft'], enabled: inDoc, run: () => extend(docRef.current, 'backward', 'character') },
      { id: 'text.extend.wordright', title: 'Extend selection by a word', group: 'Text', keys: ['Ctrl+Shift+ArrowRight'], enabled: inDoc, run: () => extend(docRef.current, 'forward', 'word') },
      { id: 'text.extend.wordleft', title: 'Extend selection back by a word', group: 'Text', keys: ['Ctrl+Shift+ArrowLeft'], enabled: inDoc, run: () => extend(docRef.current, 'backward', 'word') },
      { id: 'text.extend.down', title: 'Extend selection a line down', group: 'Text', keys: ['Shift+ArrowDown'], enabled: inDoc, run: () => extend(docRef.current, 'forward', 'line') },
      { id: 'text.extend.up', title: 'Extend selection a line up', group: 'Text', keys: ['Shift+ArrowUp'], enabled: inDoc, run: () => extend(docRef.current, 'backward', 'line') },
    ];
  }, [schema, docRef]);
}
