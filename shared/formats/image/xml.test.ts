import { describe, it, expect } from 'vitest';
import { parseXml, writeXml } from './xml.ts';

describe('the XML reader', () => {
  it('reads elements, attributes, entities, CDATA and comments and writes what it reads', () => {
    const el = parseXml('\ufeff<?xml version="1.0"?><a x="1 &amp; 2" y=\'q\'><!-- c --><b>&lt;t&gt; &#65;&#x42;</b><c><![CDATA[<raw>&]]></c><d/></a>');
    expect(el.attrs).toEqual({ x: '1 & 2', y: 'q' });
    expect(el.children.map((c) => [c.name, c.text])).toEqual([['b', '<t> AB'], ['c', '<raw>&'], ['d', '']]);
    const back = parseXml(writeXml(['r', [['n', 'a<b>&"c\''], ['m', 3]]]));
    expect(back.children.map((c) => c.text)).toEqual(['a<b>&"c\'', '3']);
  });

  it('refuses what it cannot read safely, naming the line', () => {
    expect(() => parseXml('<a>\n&foo;</a>')).toThrow(/line 2: unknown entity &foo;/);
    expect(() => parseXml('<a>\n<b>\n</a>')).toThrow(/line 3: <\/a> closes <b>/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/&amp;/);
    expect(() => parseXml('<a></a><b/>')).toThrow(/second root/);
    expect(() => parseXml('')).toThrow(/no root/);
    expect(() => parseXml('<a>' + '<b>'.repeat(100))).toThrow(/nested too deeply/);
  });
});
