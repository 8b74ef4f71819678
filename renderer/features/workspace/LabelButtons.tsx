// The label buttons every workspace shows: swatch, name and key (the same keys the label actions answer to), pressed
// for the current label. One component, so the image, audio and text toolbars name and mark labels alike.
import type { LabelDef } from '../../../shared/domain.ts';
import { labelWithKey } from './labelActions.ts';
import { KeyHint } from '../../ui/KeyHint.tsx';

interface Props {
  labels: readonly LabelDef[];
  /** The label that is pressed (the current label for new objects). */
  current: string | null;
  onPick: (id: string) => void;
  disabled?: boolean;
  /** Tooltip for a label; its name and key by default. */
  title?: (l: LabelDef) => string;
  /** Toolbars over a text selection must not take the selection away on mouse down. */
  keepSelection?: boolean;
}

export function LabelButtons({ labels, current, onPick, disabled, title, keepSelection }: Props) {
  return labels.map((l) => (
    <button key={l.id} aria-pressed={current === l.id} aria-label={labelWithKey(l)} title={title ? title(l) : labelWithKey(l)} disabled={disabled}
      onMouseDown={keepSelection ? (e) => e.preventDefault() : undefined} onClick={() => onPick(l.id)}>
      <span className="label-swatch" style={{ background: l.color }} aria-hidden="true" />{l.name}{l.hotkey ? <KeyHint k={l.hotkey} /> : null}
    </button>
  ));
}
