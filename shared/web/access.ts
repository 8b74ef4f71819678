// Local web mode's credentials, derived the same way by the core and the page. The per-launch token goes only in
// the X-Tagger-Token header of API calls; URLs the page cannot put a header on (media for <img>/<audio>, the event
// stream) carry a read key derived from it, which opens those read-only routes and nothing else.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const TOKEN_HEADER = 'x-tagger-token';
/** Header of a command-line tool handing work to a running `tagger serve` (its key is in the 0600 lock file). */
export const OWNER_HEADER = 'x-tagger-owner';
/** Query parameter of the read key on media and event URLs. */
export const READ_KEY_PARAM = 'k';

export function readKeyFor(token: string): string {
  return bytesToHex(hmac(sha256, utf8ToBytes(token), utf8ToBytes('tagger-web-read-v1')));
}
