// The lanes (audio) or columns (text) of an interval item under review: one per version, or one overlay of all of
// them, and the validator's draft consensus; each object colored by its cluster's match status.
import { useMemo } from 'react';
import type { AnnotationObject } from '../../../shared/domain.ts';
import type { ReviewItem } from '../../../shared/api/review.ts';
import { useReview } from './reviewStore.ts';
import { STATUS_COLOR, annotatorName } from './statusStyle.ts';

export type Colored = { o: AnnotationObject; cluster: number; color: string };
export interface Lane { title: string; objects: Colored[]; pane: number | null }

export const span = (o: AnnotationObject) => o.geometry as { start: number; end: number };

export function useLanes(item: ReviewItem, colorOfLabel: (l: string) => string): Lane[] {
  const statuses = useReview((s) => s.statuses);
  const consensus = useReview((s) => s.consensus);
  const overlay = useReview((s) => s.overlay);
  return useMemo(() => {
    const lanes = item.versions.map((v, i) => {
      const clusterOf = new Map(item.clusters.flatMap((c, k) => (c[i] === null ? [] : [[c[i]!, k] as const])));
      return { title: annotatorName(v.annotator), pane: i as number | null, objects: v.objects.map((o) => { const k = clusterOf.get(o.id) ?? -1; return { o, cluster: k, color: STATUS_COLOR[statuses[k] ?? 'extra'] }; }) };
    });
    const merged = overlay ? [{ title: `Overlay: ${item.versions.map((v) => annotatorName(v.annotator)).join(', ')}`, pane: null, objects: lanes.flatMap((l) => l.objects) }] : lanes;
    return [...merged, { title: 'Consensus (your draft)', pane: null, objects: [...consensus.values()].map((o) => ({ o, cluster: Number(o.id.slice(1)) - 1, color: colorOfLabel(o.label) })) }];
  }, [item, statuses, consensus, overlay, colorOfLabel]);
}
