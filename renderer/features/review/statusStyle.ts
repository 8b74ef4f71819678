// How each match status looks and reads in review mode (panes, legend, the list of objects).
import type { ClusterStatus } from '../../../shared/agreement/clusterStatus.ts';

export const STATUS_COLOR: Record<ClusterStatus, string> = {
  agreed: '#3fb96b',
  labelMismatch: '#e0a526',
  lowOverlap: '#c77dff',
  missing: '#4d8dff',
  extra: '#f0524f',
};

export const STATUS_TEXT: Record<ClusterStatus, string> = {
  agreed: 'agreed',
  labelMismatch: 'label differs',
  lowOverlap: 'low overlap',
  missing: 'missing in some',
  extra: 'extra (one annotator)',
};

/** Distinct colors per annotator for the overlay (where status colors would hide who drew what). */
export const ANNOTATOR_COLORS = ['#ff6b6b', '#4dabf7', '#ffd43b', '#69db7c', '#e599f7'];

/** An annotator as a validator reads it: a wallet address shortened (0x12ab…cd34), a name as is. */
export function annotatorName(a: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(a) ? `${a.slice(0, 6)}…${a.slice(-4)}` : a;
}
