// The layout as ONE self-contained HTML file, built as a hast tree (never by concatenating
// strings): hast-util-to-html escapes every text and attribute, there is no script and no
// external resource, and numbers, labels and fixed sentences are real text.

import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root } from 'hast';
import type { Layout, LayoutItem, Run } from './layout';
import { ITU_HTML_CSS } from './html-style';
import { hasBidiControl } from './text-safety';
import { POLICY_LABEL } from './wording';

export function layoutToHtml(layout: Layout): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: layout.language }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', layout.title),
          h('style', ITU_HTML_CSS)
        ]),
        h('body', [h('main', { className: ['itu-document'] }, renderItems(layout.items))])
      ])
    ]
  };
  return toHtml(tree);
}

/** Renders items in order, wrapping each run of consecutive policy items in one labelled box. */
function renderItems(items: LayoutItem[]): ElementContent[] {
  const out: ElementContent[] = [];
  let box: Element | null = null;
  for (const item of items) {
    const policy = 'policy' in item && item.policy === true;
    if (policy && !box) {
      box = h('section', { className: ['policy'], role: 'note', ariaLabel: POLICY_LABEL });
      out.push(box);
    } else if (!policy) {
      box = null;
    }
    (box ? box.children : out).push(...renderItem(item));
  }
  return out;
}

function renderItem(item: LayoutItem): ElementContent[] {
  switch (item.type) {
    case 'titleBlock':
      return [
        h('header', { className: ['cover'] }, [
          h('p', { className: ['sector'] }, [
            item.sector,
            h('span', { className: ['tab'] }, ' '),
            h('span', { className: ['number'] }, item.number)
          ]),
          h('p', { className: ['sector-name'] }, item.sectorName),
          h('p', { className: ['date'] }, item.date),
          h('p', { className: ['series'] }, item.series),
          h('p', { className: ['title'] }, item.title),
          h('p', { className: ['recommendation'] }, item.recommendation)
        ])
      ];
    case 'tdHeader':
      return [
        h(
          'table',
          { className: ['td-header'] },
          h(
            'tbody',
            item.rows.map((row) => h('tr', [h('th', { scope: 'row' }, row.label), h('td', row.value)]))
          )
        )
      ];
    case 'recTitle':
      return [
        h('p', { className: ['rec-no'] }, item.recommendation),
        h('h1', { className: ['rec-title'] }, item.title)
      ];
    case 'frontHeading':
      return [h('h2', { className: ['front-heading'], id: item.anchor }, item.text)];
    case 'heading':
      return [
        h(`h${Math.min(item.level + 1, 6)}`, { className: ['clause-heading'], id: item.anchor }, [
          h('span', { className: ['num'] }, item.number),
          h('span', { className: ['tab'] }, ' '),
          ...renderRuns(item.title)
        ])
      ];
    case 'annexTitle':
      return [
        h('h2', { className: ['annex-title'], id: item.anchor }, [
          item.label,
          ...(item.title.length ? [h('br'), ...renderRuns(item.title)] : [])
        ])
      ];
    case 'paragraph':
      return [
        h(
          'p',
          {
            className: paragraphClasses(item.style, item.depth),
            id: item.anchor,
            dataRequirement: item.requirementId
          },
          LEAD_STYLES.has(item.style) ? renderLeadAndRest(item.runs) : renderRuns(item.runs)
        )
      ];
    case 'note':
      return [h('p', { className: ['note'], id: item.anchor }, renderRuns(item.runs))];
    case 'caption':
      return [
        h(
          'p',
          { className: ['caption', `caption-${item.of}`], id: item.anchor },
          renderRuns(item.runs)
        )
      ];
    case 'table':
      return [renderTable(item.header, item.rows)];
    case 'figure':
      return [
        h('figure', [
          item.image
            ? h('img', { src: item.image, alt: item.alt })
            : h('p', { className: ['figure-alt'] }, item.alt)
        ])
      ];
    case 'code':
      return [h('pre', { className: ['code'] }, h('code', item.text))];
    case 'toc':
      return [
        h('nav', { className: ['toc'], ariaLabel: item.title }, [
          h('h2', { className: ['front-heading'] }, item.title),
          h(
            'ol',
            item.entries.map((entry) =>
              h('li', { className: [`l${Math.min(entry.level, 3)}`] }, [
                h('a', { href: `#${entry.anchor}` }, [
                  ...(entry.number
                    ? [h('span', { className: ['num'] }, entry.number), h('span', { className: ['tab'] }, ' ')]
                    : []),
                  entry.title
                ])
              ])
            )
          )
        ])
      ];
    case 'coreStart':
      return [h('hr', { className: ['core-start'], ariaHidden: 'true' })];
  }
}

function paragraphClasses(style: string, depth = 1): string[] {
  switch (style) {
    case 'reference':
    case 'abbreviation':
      return ['entry', style];
    case 'listItem':
      return ['list-item', `depth-${depth}`];
    case 'policyLabel':
      return ['policy-label'];
    default:
      return [style.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)];
  }
}

function renderTable(header: boolean, rows: Run[][][]): Element {
  const [first, ...rest] = rows;
  const row = (cells: Run[][], cell: 'th' | 'td') =>
    h('tr', cells.map((runs) => h(cell, renderRuns(runs))));
  const body = header ? rest : rows;
  return h('table', { className: ['itu-table'] }, [
    ...(header && first ? [h('thead', [row(first, 'th')])] : []),
    h('tbody', body.map((cells) => row(cells, 'td')))
  ]);
}

/** Entry styles whose first tab ends a label ("[ITU-T Y.3100]", "FRS", "3.2.1", "a)"). */
const LEAD_STYLES = new Set(['reference', 'abbreviation', 'term', 'listItem']);

/**
 * The label before the first tab in a box of its own, so the text after it lines up as at a
 * Word tab stop (a tab character has no such effect in HTML).
 */
function renderLeadAndRest(runs: Run[]): ElementContent[] {
  const tab = runs.findIndex((r) => r.type === 'tab');
  if (tab < 0) return renderRuns(runs);
  return [
    h('span', { className: ['lead'] }, [...renderRuns(runs.slice(0, tab)), ' ']),
    ...renderRuns(runs.slice(tab + 1))
  ];
}

function renderRuns(runs: Run[]): ElementContent[] {
  return runs.map(renderRun);
}

function renderRun(run: Run): ElementContent {
  if (run.type === 'tab') return h('span', { className: ['tab'] }, ' ');
  if (run.type === 'break') return h('br');
  // <bdi> keeps an unterminated override (U+202E) from reversing the text after it.
  let node: ElementContent = hasBidiControl(run.text)
    ? h('bdi', run.text)
    : { type: 'text', value: run.text };
  if (run.code) node = h('code', [node]);
  if (run.italic) node = h('em', [node]);
  if (run.bold) node = h('strong', [node]);
  if (run.href) node = h('a', { href: run.href }, [node]);
  return node;
}
