// The validator's words on rejected or sent-back work (the reason or the rework comment, sent beside the signed
// Review), kept with each reward it judged so the annotator's rewards list can show why.
/** Written in the SQLite dialect; migrations/index.ts translates it for PostgreSQL. */
export const REVIEW_NOTES_SQL = `
    ALTER TABLE rewards ADD COLUMN review_note TEXT;
`;
