// The home page: the standards of the working groups the actor belongs to (every group for the
// administrator), grouped by working group with the actor's role. Create, rename and delete go
// through form actions, so the page works without JavaScript and `use:enhance` makes it smooth
// with it. Each action checks the convenor's permission on the server: a crafted post from a
// reviewer is refused with 403, whatever the page showed.

import { fail, redirect } from '@sveltejs/kit';
import { getServices, type StandardInput, type StandardSummary } from '../../server/services';
import { can } from '../../server/access/roles';
import { checkStandard, failure, groupDenial, requireActor } from '../lib/auth/access';
import type { Actions, PageServerLoad } from './$types';

const LIMITS = { title: 200, designation: 40, series: 200, studyGroup: 40 } as const;
const GROUP_LIMITS = { name: 120, description: 500 } as const;
type Field = keyof typeof LIMITS;
type FieldErrors = Partial<Record<Field, string>>;

export const load: PageServerLoad = async ({ url, locals }) => {
  const actor = requireActor(locals);
  const services = getServices();
  const groups = (await services.groups.listFor(actor)).sort((a, b) => a.name.localeCompare(b.name));
  const byGroup = new Map<string, StandardSummary[]>(groups.map((g) => [g.id, []]));
  for (const standard of await services.standards.list()) byGroup.get(standard.groupId)?.push(standard);
  const sections = groups.map((group) => ({
    group: { id: group.id, name: group.name, description: group.description },
    role: group.role,
    canManage: can(group.role, 'manage'),
    standards: byGroup.get(group.id)!.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }));
  const manageable = sections.filter((s) => s.canManage).flatMap((s) => s.standards);
  // `?rename=ID` and `?delete=ID` open the inline rename form and the delete confirmation;
  // as plain links they work without JavaScript.
  const renaming = url.searchParams.get('rename');
  const deleting = url.searchParams.get('delete');
  return {
    sections,
    convenedGroups: sections.filter((s) => s.canManage).map((s) => s.group),
    canCreateGroups: actor.user.isAdmin,
    renaming: manageable.some((s) => s.id === renaming) ? renaming : null,
    deleting: manageable.find((s) => s.id === deleting) ?? null
  };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const actor = requireActor(locals);
    const form = await request.formData();
    const values = {
      title: text(form, 'title'),
      designation: text(form, 'designation'),
      series: text(form, 'series'),
      studyGroup: text(form, 'studyGroup'),
      groupId: text(form, 'groupId')
    };
    const errors = validate(values);
    if (Object.keys(errors).length > 0) {
      return fail(400, { action: 'create' as const, values, errors, message: null });
    }
    if (!values.groupId) {
      return fail(400, { action: 'create' as const, values, errors, message: 'Choose the working group the standard belongs to.' });
    }
    const services = getServices();
    const denial = await groupDenial(services, actor, values.groupId, 'manage');
    if (denial) return fail(denial.status, { action: 'create' as const, values, errors, message: denial.message });
    let id: string;
    try {
      id = (await services.standards.create(values)).id;
    } catch (error) {
      return failure(error, { action: 'create' as const, values, errors });
    }
    redirect(303, `/standards/${encodeURIComponent(id)}`);
  },

  rename: async ({ request, locals }) => {
    const actor = requireActor(locals);
    const form = await request.formData();
    const id = text(form, 'id');
    const title = text(form, 'title');
    const errors = validate({ title }, ['title']);
    if (!id) return fail(400, { action: 'rename' as const, id, errors, message: 'No standard was named to rename.' });
    const services = getServices();
    const checked = await checkStandard(services, actor, id, 'manage');
    if (checked.denial) return fail(checked.denial.status, { action: 'rename' as const, id, errors, message: checked.denial.message });
    if (errors.title) return fail(400, { action: 'rename' as const, id, errors, message: null });
    try {
      await services.standards.update(id, { title });
    } catch (error) {
      return failure(error, { action: 'rename' as const, id, errors });
    }
    redirect(303, '/');
  },

  delete: async ({ request, locals }) => {
    const actor = requireActor(locals);
    const form = await request.formData();
    const id = text(form, 'id');
    const services = getServices();
    const checked = await checkStandard(services, actor, id, 'manage');
    if (checked.denial) return fail(checked.denial.status, { action: 'delete' as const, id, errors: {}, message: checked.denial.message });
    // The confirmation step sets this field; a bare post (a stray click, a crafted request) does not delete.
    if (form.get('confirm') !== 'yes') {
      return fail(400, { action: 'delete' as const, id, errors: {}, message: 'Deleting needs confirmation.' });
    }
    try {
      await services.standards.remove(id);
    } catch (error) {
      return failure(error, { action: 'delete' as const, id, errors: {} });
    }
    redirect(303, '/');
  },

  createGroup: async ({ request, locals }) => {
    const actor = requireActor(locals);
    const form = await request.formData();
    const values = { name: text(form, 'name'), description: text(form, 'description') };
    const problem = validateGroup(values);
    if (problem) return fail(400, { action: 'createGroup' as const, values, message: problem });
    if (!actor.user.isAdmin) {
      return fail(403, { action: 'createGroup' as const, values, message: 'Only the administrator creates working groups.' });
    }
    let id: string;
    try {
      id = (await getServices().groups.create(actor, values)).id;
    } catch (error) {
      return failure(error, { action: 'createGroup' as const, values });
    }
    redirect(303, `/groups/${encodeURIComponent(id)}`);
  }
};

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function validate(values: Partial<StandardInput>, fields: Field[] = ['title', 'designation', 'series', 'studyGroup']): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of fields) {
    const value = values[field] ?? '';
    if (/[\u0000-\u001f\u007f]/.test(value)) errors[field] = 'Must not contain control characters.';
    else if (value.length > LIMITS[field]) errors[field] = `At most ${LIMITS[field]} characters (this has ${value.length}).`;
  }
  if (fields.includes('title') && !values.title) errors.title ??= 'A title is required.';
  if (fields.includes('designation')) {
    if (!values.designation) errors.designation ??= 'A designation is required, e.g. "ITU-T F.FRS".';
    else if (!/^[\p{L}\p{N}][\p{L}\p{N} .\-\/()]*$/u.test(values.designation)) {
      errors.designation ??= 'Use letters, digits, spaces, dots, hyphens and slashes, e.g. "ITU-T F.FRS".';
    }
  }
  return errors;
}

function validateGroup(values: { name: string; description: string }): string | null {
  if (!values.name) return 'Name the working group, e.g. "SG16 Q5 — face recognition".';
  for (const field of ['name', 'description'] as const) {
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(values[field])) return `The ${field} must not contain control characters.`;
    if (values[field].length > GROUP_LIMITS[field]) {
      return `The ${field} has ${values[field].length} characters; at most ${GROUP_LIMITS[field]} are allowed.`;
    }
  }
  return null;
}
