// /import: upload a Markdown draft, review what the importer found (warnings, proposed policy
// tags), then create the standard. Two steps, stateless: the review step carries the draft's text
// back in the form, and creating re-reads it, so nothing is stored until the user confirms.
// The new standard joins a working group the user convenes (chosen on the review step).

import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { numberStandard } from '../../../clauses/numbering';
import { inlineText } from '../../../clauses/text';
import type { Clause, Standard } from '../../../clauses/model';
import { ApiError, isInputError } from '../api/http';
import { MAX_IMPORT_BYTES, decodeMarkdown } from '../api/markdown-upload';
import { applyProposals, createStandard, importGroup, readDraftText, standardInput, type DraftRead } from '../api/import-draft';
import { getServices } from '../../../server/services';
import { can } from '../../../server/access/roles';
import { requireActor } from '../../lib/auth/access';

const EXTENSIONS = /\.(md|markdown|mdown|txt)$/i;

export interface ReviewClause {
  heading: string;
  title: string;
  depth: number;
}

function clauseList(std: Standard): ReviewClause[] {
  const { heading } = numberStandard(std);
  const out: ReviewClause[] = [];
  const walk = (clauses: Clause[], depth: number) => {
    for (const clause of clauses) {
      out.push({ heading: heading.get(clause.id) ?? '', title: inlineText(clause.title), depth });
      walk(clause.children, depth + 1);
    }
  };
  walk(std.clauses, 0);
  return out;
}

function review(fileName: string, source: string, draft: DraftRead, groupId: string | null = null) {
  const clauses = clauseList(draft.standard);
  const { heading } = numberStandard(draft.standard);
  const titles = new Map<string, string>();
  const walk = (list: Clause[]) =>
    list.forEach((c) => {
      titles.set(c.id, inlineText(c.title));
      walk(c.children);
    });
  walk(draft.standard.clauses);
  return {
    step: 'review' as const,
    fileName,
    source,
    groupId,
    meta: {
      title: draft.standard.meta.title,
      designation: draft.standard.meta.designation,
      series: draft.standard.meta.series,
      studyGroup: draft.standard.meta.studyGroup
    },
    clauses,
    warnings: draft.warnings.map((w) => ({ message: w.message, line: w.line ?? null, code: w.code })),
    proposals: draft.proposals.map((p) => ({
      heading: heading.get(p.clauseId) ?? '',
      title: titles.get(p.clauseId) ?? '',
      evidence: p.evidence
    }))
  };
}

function failure(error: unknown, fileName: string) {
  if (error instanceof ApiError || isInputError(error)) {
    return fail(error.status, { step: 'upload' as const, fileName, error: error.message });
  }
  throw error;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireActor(locals);
  const groups = (await getServices().groups.listFor(actor))
    .filter((g) => can(g.role, 'manage'))
    .map((g) => ({ id: g.id, name: g.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const wanted = url.searchParams.get('group');
  return { groups, selectedGroup: groups.some((g) => g.id === wanted) ? wanted : (groups[0]?.id ?? null) };
};

export const actions: Actions = {
  review: async ({ request }) => {
    const form = await request.formData();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0 && !file.name) {
      return fail(400, { step: 'upload' as const, fileName: '', error: 'Choose a Markdown (.md) file to import.' });
    }
    const fileName = file.name;
    if (fileName && !EXTENSIONS.test(fileName)) {
      return fail(400, {
        step: 'upload' as const,
        fileName,
        error: `"${fileName}" is not a Markdown file: upload a .md file (convert Word drafts with pandoc -t gfm first).`
      });
    }
    if (file.size > MAX_IMPORT_BYTES) {
      return failure(new ApiError(413, `The file is ${(file.size / 1048576).toFixed(1)} MB; a Markdown draft may be at most 5 MB.`), fileName);
    }
    try {
      const source = decodeMarkdown(new Uint8Array(await file.arrayBuffer()));
      return review(fileName, source, await readDraftText(source));
    } catch (error) {
      return failure(error, fileName);
    }
  },

  create: async ({ request, locals }) => {
    const actor = requireActor(locals);
    const form = await request.formData();
    const fileName = text(form, 'fileName');
    const source = text(form, 'source');
    let draft: DraftRead | undefined;
    let id: string;
    const groupId = text(form, 'groupId').trim();
    try {
      if (!source.trim()) throw new ApiError(400, 'The draft to import is missing: upload the file again.');
      const read = await readDraftText(source);
      draft = read;
      // Proposals are referred to by their index: the importer lists them in the same order for the same text.
      const chosen = new Set(
        form
          .getAll('apply')
          .map((v) => read.proposals[Number(v)]?.clauseId)
          .filter((v): v is string => typeof v === 'string')
      );
      const std = applyProposals(draft.standard, chosen);
      const input = standardInput(std, {
        title: text(form, 'title'),
        designation: text(form, 'designation'),
        series: text(form, 'series'),
        studyGroup: text(form, 'studyGroup')
      });
      id = (await createStandard(std, input, await importGroup(actor, groupId))).id;
    } catch (error) {
      // Keep the review on screen when the draft itself was fine (e.g. a title was left empty).
      if (draft && (error instanceof ApiError || isInputError(error))) {
        return fail(error.status, { ...review(fileName, source, draft, groupId), error: error.message });
      }
      return failure(error, fileName);
    }
    redirect(303, `/standards/${encodeURIComponent(id)}`);
  }
};
