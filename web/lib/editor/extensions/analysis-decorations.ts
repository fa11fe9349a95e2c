// What the editor shows that is computed, never typed: clause numbers, the kind band and badge,
// NOTE labels, table and figure numbers, term numbers, requirement ids in the margin, diagnostic
// underlines and cross-references with their current numbers. All of it is decorations, so none
// of it enters the shared document.
//
// The analysis arrives a little after the edit (the page converts and analyses the document
// debounced); in between, the previous decorations are mapped through each transaction, so
// typing never waits for the analysis.

import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Analysis } from '../../../../clauses/analysis';
import type { Kind, Standard } from '../../../../clauses/model';
import type { Diagnostic } from '../../../../clauses/diagnostics';
import { KIND_BADGE, KIND_NAME } from '../kinds-ui';
import { textRange } from '../text-offsets';
import { updateDecorationSet } from './decoration-diff';
import { xrefTargets } from '../../../../clauses/xrefs';

export interface DecorationInput {
  analysis: Analysis | null;
  /** The standard the analysis was computed from (for cross-reference labels). */
  standard: Standard | null;
  filterKind: Kind | null;
}

interface PluginState extends DecorationInput {
  decorations: DecorationSet;
}

export const analysisDecorationsKey = new PluginKey<PluginState>('clauseworkAnalysis');

/** A transaction that hands the editor a new analysis and/or kind filter. */
export function setDecorationInput(tr: Transaction, input: Partial<DecorationInput>): Transaction {
  return tr.setMeta(analysisDecorationsKey, input).setMeta('addToHistory', false);
}

export interface AnalysisDecorationsOptions {
  /** The kind badge of a clause was clicked (open the kind menu there). */
  onKindBadge: (clauseId: string, anchor: HTMLElement) => void;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function badge(clauseId: string, kind: Kind, inherited: boolean, onClick: AnalysisDecorationsOptions['onKindBadge']) {
  return () => {
    const button = document.createElement('button');
    button.type = 'button';
    button.contentEditable = 'false';
    button.className = `cw-clause-badge cw-kind-${kind}${inherited ? ' cw-inherited' : ''}`;
    button.dataset.clauseId = clauseId;
    button.dataset.kind = kind;
    button.textContent = KIND_BADGE[kind];
    button.title = `${KIND_NAME[kind]}${inherited ? ' (inherited)' : ''} — click to change`;
    button.setAttribute('aria-label', `Clause kind: ${KIND_NAME[kind]}${inherited ? ', inherited' : ''}. Change`);
    // mousedown, not click: the editor would otherwise move the selection first.
    button.addEventListener('mousedown', (event) => {
      event.preventDefault();
      event.stopPropagation();
      onClick(clauseId, button);
    });
    return button;
  };
}

function diagnosticsByTarget(diagnostics: Diagnostic[]) {
  const byBlock = new Map<string, Diagnostic[]>();
  const byClause = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const map = d.blockId ? byBlock : byClause;
    const key = d.blockId ?? d.clauseId;
    if (!key) continue;
    const list = map.get(key);
    if (list) list.push(d);
    else map.set(key, [d]);
  }
  return { byBlock, byClause };
}

function worst(list: Diagnostic[]): Diagnostic {
  return list.reduce((a, b) => (SEVERITY_RANK[b.severity] < SEVERITY_RANK[a.severity] ? b : a));
}

function diagnosticAttrs(list: Diagnostic[]) {
  const top = worst(list);
  return {
    'data-diagnostic': list.map((d) => d.code).join(' '),
    'data-severity': top.severity,
    title: list.map((d) => `${d.code}: ${d.message}`).join('\n')
  };
}

/** Every decoration for the document, from the latest analysis. */
export function buildDecorations(
  doc: PMNode,
  input: DecorationInput,
  options: AnalysisDecorationsOptions
): DecorationSet {
  return DecorationSet.create(doc, decorationList(doc, input, options));
}

function decorationList(doc: PMNode, input: DecorationInput, options: AnalysisDecorationsOptions): Decoration[] {
  const { analysis, filterKind } = input;
  if (!analysis) return [];
  const { numbering, kinds } = analysis;
  const requirements = new Map(analysis.requirements.map((r) => [r.paragraphId, r]));
  const { byBlock, byClause } = diagnosticsByTarget(analysis.diagnostics);
  const xrefs = input.standard ? xrefTargets(input.standard, numbering, analysis.requirements) : new Map();
  const decorations: Decoration[] = [];

  doc.descendants((node, pos) => {
    const id = typeof node.attrs.id === 'string' ? node.attrs.id : '';
    switch (node.type.name) {
      case 'clause': {
        const kind = kinds.get(id) ?? 'normative-technical';
        const inherited = !node.attrs.kind;
        const filtered = filterKind !== null && kind !== filterKind;
        decorations.push(
          Decoration.node(pos, pos + node.nodeSize, {
            class: `cw-clause cw-kind-${kind}${filtered ? ' cw-filtered-out' : ''}`,
            'data-number': numbering.clause.get(id) ?? '',
            'data-effective-kind': kind
          }),
          Decoration.widget(pos + 1, badge(id, kind, inherited, options.onKindBadge), {
            side: -1,
            key: `kind:${id}:${kind}:${inherited}`,
            ignoreSelection: true,
            stopEvent: () => true
          })
        );
        const problems = byClause.get(id);
        const title = node.firstChild;
        if (title?.type.name === 'clauseTitle') {
          const heading = numbering.heading.get(id) ?? '';
          decorations.push(
            Decoration.node(pos + 1, pos + 1 + title.nodeSize, {
              'data-heading': heading,
              class: `cw-title${heading ? '' : ' cw-unnumbered'}${title.content.size === 0 ? ' cw-untitled' : ''}${problems ? ' cw-diag-title' : ''}`,
              ...(problems ? diagnosticAttrs(problems) : {})
            })
          );
        }
        return true;
      }
      case 'note': {
        const label = numbering.note.get(id) ?? 'NOTE';
        decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-label': `${label} – ` }));
        break;
      }
      case 'tableFigure':
      case 'figure': {
        const number = (node.type.name === 'tableFigure' ? numbering.table : numbering.figure).get(id);
        const word = node.type.name === 'tableFigure' ? 'Table' : 'Figure';
        node.forEach((child, offset) => {
          if (child.type.name !== 'caption') return;
          const at = pos + 1 + offset;
          decorations.push(
            Decoration.node(at, at + child.nodeSize, { 'data-label': number ? `${word} ${number} – ` : `${word} – ` })
          );
        });
        break;
      }
      case 'termEntry': {
        const number = numbering.term.get(id);
        if (number) decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-number': number }));
        break;
      }
      case 'xref': {
        const target = String(node.attrs.target ?? '');
        const found = xrefs.get(target);
        decorations.push(
          Decoration.node(pos, pos + node.nodeSize, {
            'data-label': found?.display ?? `[${target}]`,
            class: found ? 'cw-xref' : 'cw-xref cw-dangling',
            title: found ? `Cross-reference to ${found.type} ${found.display}` : `Nothing in the document has the id "${target}".`
          })
        );
        return false;
      }
    }

    if (id && node.type.name === 'paragraph') {
      const requirement = requirements.get(id);
      if (requirement) {
        decorations.push(
          Decoration.node(pos, pos + node.nodeSize, {
            class: `cw-req cw-req-${requirement.level}`,
            'data-req-id': requirement.id,
            'data-req-level': requirement.level
          })
        );
      }
    }
    const problems = id ? byBlock.get(id) : undefined;
    if (problems) {
      let underlined = false;
      for (const d of problems) {
        if (d.start === undefined || d.end === undefined) continue;
        const range = textRange(node, pos, d.start, d.end);
        if (!range) continue;
        underlined = true;
        decorations.push(
          Decoration.inline(range[0], range[1], {
            class: `cw-diag cw-diag-${d.severity}`,
            ...diagnosticAttrs([d])
          })
        );
      }
      if (!underlined) {
        const top = worst(problems);
        decorations.push(
          Decoration.node(pos, pos + node.nodeSize, {
            class: `cw-diag-block cw-diag-${top.severity}`,
            ...diagnosticAttrs(problems)
          })
        );
      }
    }
    return true;
  });
  return decorations;
}

export const AnalysisDecorations = Extension.create<AnalysisDecorationsOptions>({
  name: 'analysisDecorations',
  addOptions() {
    return { onKindBadge: () => {} };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<PluginState>({
        key: analysisDecorationsKey,
        state: {
          init: () => ({ analysis: null, standard: null, filterKind: null, decorations: DecorationSet.empty }),
          apply(tr, previous, _old, state: EditorState): PluginState {
            const input = tr.getMeta(analysisDecorationsKey) as Partial<DecorationInput> | undefined;
            if (input) {
              const next = { ...previous, ...input };
              const current = tr.docChanged ? previous.decorations.map(tr.mapping, tr.doc) : previous.decorations;
              const wanted = decorationList(state.doc, next, options);
              return { ...next, decorations: updateDecorationSet(current, state.doc, wanted) };
            }
            if (!tr.docChanged) return previous;
            return { ...previous, decorations: previous.decorations.map(tr.mapping, tr.doc) };
          }
        },
        props: {
          decorations: (state) => analysisDecorationsKey.getState(state)?.decorations
        }
      })
    ];
  }
});
