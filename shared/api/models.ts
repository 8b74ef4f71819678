// Models that propose work offline: object boxes on images (CenterNet) and entity spans in text (compromise +
// wink-nlp). Proposals are stored as origin 'model' in ONE undoable edit; a person accepts them (A) or rejects
// them (X). Each run is a job with progress events and Cancel.
import { z } from 'zod';
import { returns } from './define.ts';
import * as s from './schemas.ts';
import type { EditResult } from '../domain.ts';

export interface ModelRunResult {
  /** Proposals stored. */
  count: number;
  /** The stored edit (the page applies it as it is, without reloading the document); null when nothing changed. */
  edit: EditResult | null;
  /** Found but not proposed because the project has no label for the class (class → how many): map them under
   *  the project's model labels (schema.<modality>.modelLabels) to get them. */
  unmapped: Record<string, number>;
  /** Which model ran, for the message to the user. */
  model: string;
  /** Time spent in the model(s), ms. */
  ms: number;
}

/** Default lowest score for a CenterNet box to become a proposal: its scores sit at 0.45–0.6 on clear objects. */
export const DEFAULT_MIN_SCORE = 0.25;

const replaceProposals = z.boolean().optional();

export const modelsApi = {
  /** Runs the object detector over the task's image; boxes become proposals (label from the project's mapping),
   *  earlier proposals are replaced unless replaceProposals is false, and boxes a person already drew with the
   *  same label are not proposed again. A picture more than twice the model's input is also looked at in
   *  overlapping windows, at most maxTiles of them (default 64; 1 = the whole picture only). Emits 'task-changed'. */
  detectObjects: returns<ModelRunResult>()(
    z.tuple([s.id, z.object({ minScore: z.number().min(0.01).max(1).optional(), replaceProposals, maxTiles: z.number().int().min(1).max(4096).optional() }).optional()]),
  ),
  /** Finds people, places, organizations, dates, times, money, percentages, e-mails and URLs in the task's text;
   *  spans become proposals like detectObjects' boxes. Emits 'task-changed'. */
  findEntities: returns<ModelRunResult>()(z.tuple([s.id, z.object({ replaceProposals }).optional()])),
};
