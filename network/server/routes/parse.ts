// Validates a parsed body against its zod schema; a mismatch is a 400 naming the field.
import type { ZodError } from 'zod';
import { HttpError } from '../http.ts';
import { describeZodError } from '../schemas.ts';

export function parseBody<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, 'invalid_request', describeZodError(r.error));
  return r.data;
}
