// Bounds on what one HTTP request may cost the web-mode server: body size (answered 413, never a reset), JSON
// nesting depth (answered 400 before the parser or the contract check recurse), and a clean close of a request
// refused before its body was read, so a slow sender cannot hold the socket.
import type http from 'node:http';

export const MAX_JSON_DEPTH = 64;

export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the body up to max bytes; rejects with a 413 refusal as soon as it is known to be larger. */
export function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    const onData = (c: Buffer) => {
      n += c.length;
      if (n > max) {
        req.off('data', onData);
        reject(tooLarge(max));
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(max: number): HttpRefusal {
  return new HttpRefusal(413, `The request body is larger than the limit of ${max} bytes.`);
}

/** Deepest nesting of arrays and objects in a JSON text (strings skipped), stopping early past limit. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** Decodes a percent-escaped URL part, turning a malformed escape into a 400 instead of a crash. */
export function decodePathPart(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new HttpRefusal(400, 'Bad request: the URL has a malformed percent-escape.');
  }
}

/** After answering a request whose body was not (fully) read: close the connection, draining what is in flight
 *  for a moment so the client reads the answer instead of a reset, then cut it whatever the sender does. */
export function closeAfterRefusal(req: http.IncomingMessage, res: http.ServerResponse, drainMs = 1000): void {
  if (req.complete) return;
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), drainMs);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  res.once('finish', () => {
    if (req.complete) clearTimeout(cut);
  });
}
