// Every reason a bundle is refused, with a stable code (tests and programs) and a sentence for people.
export type BundleProblemCode =
  | 'not_a_bundle'
  | 'bad_manifest'
  | 'format_too_new'
  | 'bad_signature'
  | 'unknown_signer'
  | 'path_escape'
  | 'link_entry'
  | 'not_a_file'
  | 'duplicate_entry'
  | 'unlisted_entry'
  | 'missing_entry'
  | 'size_mismatch'
  | 'too_large'
  | 'bad_hash'
  | 'bad_record'
  | 'missing_media'
  | 'conflict';

export interface BundleProblem {
  code: BundleProblemCode;
  message: string;
  /** The archive entry or record concerned, when there is one. */
  where?: string;
}

export function problem(code: BundleProblemCode, message: string, where?: string): BundleProblem {
  return where === undefined ? { code, message } : { code, message, where };
}
