import { describe, expect, it } from 'vitest';
import { OpenedBundles, bundlePathsIn } from './openedFiles.ts';

describe('bundles the app was asked to open', () => {
  it('finds .tagger paths among arguments, resolved against the working directory of the instance that got them', () => {
    const argv = ['/opt/Tagger/tagger', 'dist/electron/main.cjs', '--data=/x/y.tagger', '--demo', 'stick/Week 3.TAGGER', '/media/usb/a.tagger', 'notes.txt'];
    expect(bundlePathsIn(argv, '/home/ana')).toEqual(['/home/ana/stick/Week 3.TAGGER', '/media/usb/a.tagger']);
  });

  it('hands each waiting path to the page once, oldest first, and says when one arrives', () => {
    let told = 0;
    const q = new OpenedBundles(() => told++);
    q.add(['/a.tagger']);
    q.add(['/a.tagger', '/b.tagger']);
    q.add([]);
    expect(told).toBe(2);
    expect(q.take()).toEqual(['/a.tagger', '/b.tagger']);
    expect(q.take()).toEqual([]);
  });
});
