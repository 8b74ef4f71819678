// A value a handler already has as JSON text (built by SQLite from stored JSON columns), so the HTTP carrier sends
// it as it is instead of parsing 100,000 objects into the heap and serializing them again. Only a top-level field of
// a handler's result may be one; every other caller (IPC, tests, the CLI) gets the parsed value.
export class JsonText {
  constructor(readonly text: string) {}
}

/** The result with every JsonText field parsed: what a caller in this process sees. */
export function materialize<T>(value: T): T {
  if (!hasJsonText(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = v instanceof JsonText ? JSON.parse(v.text) : v;
  return out as T;
}

/** JSON of a value whose top-level fields may be JsonText (spliced in as they are). */
export function stringifyWithJsonText(value: unknown): string {
  if (!hasJsonText(value)) return JSON.stringify(value);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${v instanceof JsonText ? v.text : JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

function hasJsonText(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const v of Object.values(value)) if (v instanceof JsonText) return true;
  return false;
}

/** A handler's result field given as JSON text, typed as the value it stands for (dispatch parses it for every
 *  caller but the HTTP carrier, so no caller ever sees the text). */
export function jsonValue<T>(text: string): T {
  return new JsonText(text) as unknown as T;
}
