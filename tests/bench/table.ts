// Benchmarks print Markdown tables (pasteable into issue notes).
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  const line = (r: (string | number)[]) => `| ${r.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of cells.slice(1)) console.log(line(r));
  console.log('');
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

export function stats(samples: number[]): { mean: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? NaN };
}

/** Launch options for Debian's Chromium in benchmarks (same flags as the e2e tests). */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
};

/** Self time by function (ms) from a CDP Profiler.stop profile, the `top` largest: where the main thread went. */
export function selfTimeRows(profile: { startTime: number; endTime: number; nodes: { hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[] }, top = 15): [string, number][] {
  const total = (profile.endTime - profile.startTime) / 1000, hits = profile.nodes.reduce((a, nd) => a + (nd.hitCount ?? 0), 0) || 1;
  const self = new Map<string, number>();
  for (const nd of profile.nodes) {
    const f = nd.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ((nd.hitCount ?? 0) / hits) * total);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
}
