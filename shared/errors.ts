// Errors are values a user can act on: a stable code for programs, a message for people (never a stack).
export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'conflict'
  | 'unsupported'
  | 'corrupt'
  | 'io'
  | 'db_corrupt'
  | 'db_readonly'
  | 'db_too_new'
  | 'locked'
  | 'unauthorized'
  | 'forbidden'
  | 'cancelled'
  | 'network'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Optional machine-readable detail, e.g. the file or field concerned. */
  detail?: Record<string, unknown>;
}

export class TaggerError extends Error {
  readonly code: ErrorCode;
  readonly detail?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'TaggerError';
    this.code = code;
    this.detail = detail;
  }
  toInfo(): ErrorInfo {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function isTaggerError(e: unknown): e is TaggerError {
  return e instanceof TaggerError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'TaggerError');
}
