// The Content-Security-Policy of the app page, the same in web mode and on the desktop: no remote content at all.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data: tagger:",
  "media-src 'self' blob: tagger:",
  "font-src 'self'",
  "connect-src 'self' tagger:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
