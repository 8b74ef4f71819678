// Audio and text items under review: lanes on a shared time axis (AudioLanes.tsx) or columns of the text scrolled
// together (TextColumns.tsx), one per version and one for the validator's draft consensus.
import type { Asset } from '../../../shared/domain.ts';
import type { ReviewItem } from '../../../shared/api/review.ts';
import { AudioLanes } from './AudioLanes.tsx';
import { TextColumns } from './TextColumns.tsx';

export function IntervalReview(props: { item: ReviewItem; asset: Asset; colorOfLabel: (l: string) => string }) {
  return props.asset.kind === 'audio' ? <AudioLanes {...props} /> : <TextColumns {...props} />;
}
