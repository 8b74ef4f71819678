// The label schema a project gets when it is created without one: sensible starters for each modality.
import type { LabelSchema, ModalitySchema } from './domain.ts';

export const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#fabed4', '#469990', '#dcbeff', '#9a6324', '#fffac8', '#800000', '#aaffc3', '#808000', '#ffd8b1', '#000075', '#a9a9a9'];

export function labelsFrom(names: string[]): ModalitySchema['labels'] {
  return names.map((name, i) => ({
    id: name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || `label_${i + 1}`,
    name,
    color: PALETTE[i % PALETTE.length],
    hotkey: i < 9 ? String(i + 1) : i === 9 ? '0' : undefined,
  }));
}

export function defaultSchema(): LabelSchema {
  return {
    image: {
      labels: labelsFrom(['Object', 'Person', 'Vehicle', 'Animal', 'Other']),
      attributes: [
        { id: 'occluded', name: 'Occluded', type: 'checkbox', default: false },
        { id: 'truncated', name: 'Truncated', type: 'checkbox', default: false },
      ],
    },
    audio: {
      labels: labelsFrom(['Speech', 'Music', 'Noise', 'Silence']),
      attributes: [{ id: 'language', name: 'Language', type: 'text' }],
      tiers: [
        { id: 'speaker_a', name: 'Speaker A' },
        { id: 'speaker_b', name: 'Speaker B' },
        { id: 'events', name: 'Events' },
      ],
    },
    text: {
      labels: labelsFrom(['Person', 'Organization', 'Location', 'Date', 'Misc']),
      attributes: [],
      relations: [
        { id: 'works_for', name: 'works for', color: '#4363d8' },
        { id: 'located_in', name: 'located in', color: '#3cb44b' },
      ],
      documentLabels: { mode: 'multi', options: ['Relevant', 'Irrelevant', 'Needs review'] },
    },
  };
}
