// Bad input is refused with a message naming the problem; hostile text goes out as literal text
// (no executable HTML when a CommonMark renderer shows it, metadata comments that cannot be
// closed early) and comes back unchanged.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { exportMarkdown, importMarkdown, ImportError } from '../../exporters/markdown';
import type { Block, Clause, Inline, Mark, Standard } from '../../clauses/model';
import { blocksText, inlineText } from '../../clauses/text';

const HOSTILE_MD = readFileSync(new URL('../fixtures/markdown/hostile.md', import.meta.url), 'utf8');

function refused(input: string | Uint8Array, message: RegExp): void {
  const started = Date.now();
  let error: unknown;
  try {
    importMarkdown(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(message);
  expect(Date.now() - started).toBeLessThan(5000);
}

describe('bad input', () => {
  it('refuses binary: NUL bytes, invalid UTF-8, random bytes', () => {
    refused('# 1 Scope\n\nText\u0000more', /binary/);
    refused(new Uint8Array([0x23, 0x20, 0x31, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]), /not valid UTF-8/);
    const random = fc.sample(fc.uint8Array({ minLength: 4096, maxLength: 4096 }), { numRuns: 1, seed: 42 })[0]!;
    refused(random, /binary|UTF-8/);
    refused('\u0001\u0002\u0003\u0004'.repeat(100), /binary/);
  });

  it('refuses files over 5 MB', () => {
    refused(`# 1 Scope\n\n${'word '.repeat(1_100_000)}`, /at most 5 MB/);
    refused(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61), /at most 5 MB/);
  });

  it('refuses pathological nesting before it can exhaust the stack', () => {
    refused(`# 1 Scope\n\n${'> '.repeat(10_000)}deep`, /nests block quotes or lists/);
    refused(`# 1 Scope\n\n${'- '.repeat(10_000)}deep`, /nests block quotes or lists/);
    const indented = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    refused(`# 1 Scope\n\n${indented}`, /nests/);
    refused(`# 1 Scope\n\n${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}`, /nests elements/);
    // Nested emphasis passes the line guard (no containers) and is caught in the parsed tree.
    refused(`# 1 Scope\n\n${'*a '.repeat(300)}x${' a*'.repeat(300)}`, /nests more than 100 levels/);
  });

  it('refuses what is not Markdown: JSON, empty files, text without any heading', () => {
    refused(JSON.stringify({ meta: { title: 'x' }, clauses: [] }), /JSON, not Markdown/);
    refused('   \n\n  ', /empty/);
    refused('Just a paragraph of prose.\n\nAnd another, with no heading at all.', /no clauses found/);
  });
});

// ----------------------------------------------------------------------------------------- export

const SCRIPT = '<script>alert(1)</script>';
const RLO = 'file\u202Etxt.exe\u202C name';
const LONG = 'W'.repeat(2000);
const CONTROL = '* _ [x](javascript:alert(2)) # | ` > ~ \\ <!-- --> --!> &amp;';

function t(text: string, marks?: Mark[]): Inline {
  return marks ? { type: 'text', text, marks } : { type: 'text', text };
}

function hostileStandard(): Standard {
  const p = (id: string, text: string, extra: Partial<Extract<Block, { type: 'paragraph' }>> = {}): Block => ({ type: 'paragraph', id, content: [t(text)], ...extra });
  const body: Clause = {
    id: 'c-body',
    role: 'body',
    kind: 'policy-recommendation',
    title: [t(`Title ${SCRIPT} ${CONTROL}`)],
    blocks: [
      p('p-1', `Paragraph ${SCRIPT} <img src=x onerror=alert(3)> ${CONTROL}`, {
        requirement: {
          label: 'REQ-01 --> <script>\u202E',
          checks: [{
            id: 'chk-1',
            target: { artifact: 'data-schema', selector: { lang: 'jsonpath', expr: '$..properties' } },
            assert: { op: 'keys-not-match', regex: '-->|<script>' },
            severity: 'error',
            message: 'closes --> the comment? <!-- and <b>bold</b>'
          }]
        }
      }),
      p('p-2', RLO),
      p('p-3', LONG),
      { type: 'paragraph', id: 'p-4', content: [t(' lead', ['bold']), t('`code` ', ['code']), t('_it_', ['italic']), { type: 'xref', target: 'c-body' }, { type: 'break' }, t('# not a heading')] },
      { type: 'note', id: 'n-1', content: [p('p-5', `${SCRIPT} in a note`)] },
      { type: 'table', id: 't-1', caption: [t(`Caption ${SCRIPT} |`)], header: true, rows: [[[t('a | b')], [t(SCRIPT)]], [[t('<b onclick="x()">c</b>')], [t(RLO)]]] },
      { type: 'figure', id: 'f-1', caption: [t(`Figure ${SCRIPT}`)], src: 'javascript:alert(4)', alt: `alt ${SCRIPT} ]` },
      { type: 'code', id: 'k-1', language: 'html', text: `</code></pre>${SCRIPT}\n\`\`\`\n~~~` },
      { type: 'term', id: 'd-1', term: `term ${SCRIPT}`, source: 'src]: x', definition: [t(`def ${CONTROL}`)] },
      { type: 'abbreviation', abbr: '<X>', expansion: `Expansion ${SCRIPT}` },
      { type: 'reference', id: 'r-1', tag: 'b-<script>', content: [t(`Ref ${SCRIPT}`)] }
    ],
    children: []
  };
  return {
    meta: {
      id: 'std-hostile', title: `Std ${SCRIPT} -->`, designation: 'ITU-T X.<1>', series: '', studyGroup: '',
      convention: 'itu-t', requirementPattern: '^REQ-\\d+ -->$', version: '1', date: ''
    },
    clauses: [body]
  };
}

function walk(nodes: (Root | RootContent)[], visit: (e: Element) => void): void {
  for (const n of nodes) {
    if (n.type === 'element') visit(n);
    if ('children' in n) walk(n.children as RootContent[], visit);
  }
}

function rendered(md: string): { tree: Root; text: string } {
  // A CommonMark + GFM renderer that, like a careless site, lets raw HTML through.
  const html = micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  const tree = fromHtml(html, { fragment: true });
  let text = '';
  const collect = (nodes: RootContent[]) => nodes.forEach((n) => (n.type === 'text' ? (text += n.value) : 'children' in n && collect(n.children as RootContent[])));
  collect(tree.children);
  return { tree, text };
}

describe('hostile content in the Markdown export', () => {
  const std = hostileStandard();

  for (const plain of [false, true]) {
    it(`renders as literal text with no executable HTML${plain ? ' (plain)' : ''}`, () => {
      const md = exportMarkdown(std, { plain });
      const { tree, text } = rendered(md);
      walk(tree.children, (e) => {
        expect(e.tagName).not.toMatch(/^(script|iframe|object|embed|style)$/);
        for (const [name, value] of Object.entries(e.properties)) {
          expect(name).not.toMatch(/^on/i);
          if (name === 'href') expect(String(value)).not.toMatch(/^javascript:/i);
        }
      });
      for (const s of [SCRIPT, RLO, LONG, CONTROL, '<b onclick="x()">c</b>', '<img src=x onerror=alert(3)>']) expect(text).toContain(s);
    });
  }

  it('writes metadata comments as single ASCII lines that nothing can close early', () => {
    const md = exportMarkdown(std);
    const comments = md.split('\n').filter((l) => l.includes('<!--') && !l.startsWith('Paragraph') && l.startsWith('<!--'));
    expect(comments.length).toBeGreaterThan(5);
    for (const line of comments) {
      expect(line).toMatch(/^<!-- clausework:(standard|clause|block) [\x20-\x7e]+ -->$/);
      expect(line.slice(4, -3)).not.toContain('--');
      expect(line.slice(4, -3)).not.toMatch(/[<>]/);
    }
    // The override character stays in the text, on its own lines, never on a metadata line.
    const withRlo = md.split('\n').filter((l) => l.includes('\u202E'));
    expect(withRlo.length).toBeGreaterThan(0);
    expect(withRlo.every((l) => !l.startsWith('<!--'))).toBe(true);
  });

  it('re-imports to the same standard, and the plain export to the same text', () => {
    expect(importMarkdown(exportMarkdown(std)).standard).toStrictEqual(std);
    const plain = importMarkdown(exportMarkdown(std, { plain: true })).standard;
    expect(inlineText(plain.clauses[0]!.title)).toBe(inlineText(std.clauses[0]!.title));
    const texts = (s: Standard) => s.clauses[0]!.blocks.filter((b) => b.type === 'paragraph').map((b) => blocksText([b]));
    expect(texts(plain).slice(0, 3)).toEqual(texts(std).slice(0, 3));
  });
});

describe('hostile Markdown imported', () => {
  const { standard, warnings } = importMarkdown(HOSTILE_MD);

  it('keeps text, drops markup, and says so', () => {
    const scope = standard.clauses[0]!;
    expect(inlineText(scope.title)).toBe("Scope alert('title')");
    const text = blocksText(scope.blocks);
    expect(text).toContain('Text with alert(1) inline, a bad link and .');
    expect(text).toContain('Markdown control characters taken literally: * _ [ ] # | ` > ~ and a character reference &lt;.');
    expect(text).toContain('\u202Etxt.exe\u202C');
    expect(text).not.toMatch(/<script|onerror|onclick|javascript:/);
    expect(inlineText(scope.children[0]!.title)).toBe('Comment closers --> and <!-- in a title');
    const codes = warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['dropped-html', 'dropped-link', 'metadata-mismatch']));
    expect(warnings.find((w) => w.code === 'metadata-mismatch')!.line).toBe(13);
  });

  it('exports the imported draft safely and gets the same standard back', () => {
    const md = exportMarkdown(standard);
    expect(importMarkdown(md).standard).toStrictEqual(standard);
    const { tree } = rendered(md);
    walk(tree.children, (e) => expect(e.tagName).not.toBe('script'));
  });
});
