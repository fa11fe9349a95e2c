// The standards list: load the summaries; create, rename and delete through form actions so the
// page works without JavaScript and `use:enhance` makes it smooth with it.

import { fail, redirect } from '@sveltejs/kit';
import { InputError, getServices, type StandardInput } from '../../server/services';
import type { Actions, PageServerLoad } from './$types';

const LIMITS = { title: 200, designation: 40, series: 200, studyGroup: 40 } as const;
type Field = keyof typeof LIMITS;
type FieldErrors = Partial<Record<Field, string>>;

export const load: PageServerLoad = ({ url }) => {
  const standards = getServices()
    .standards.list()
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  // `?rename=ID` and `?delete=ID` open the inline rename form and the delete confirmation;
  // as plain links they work without JavaScript.
  const renaming = url.searchParams.get('rename');
  const deleting = url.searchParams.get('delete');
  return {
    standards,
    renaming: standards.some((s) => s.id === renaming) ? renaming : null,
    deleting: standards.find((s) => s.id === deleting) ?? null
  };
};

export const actions: Actions = {
  create: async ({ request }) => {
    const form = await request.formData();
    const values = {
      title: text(form, 'title'),
      designation: text(form, 'designation'),
      series: text(form, 'series'),
      studyGroup: text(form, 'studyGroup')
    };
    const errors = validate(values);
    if (Object.keys(errors).length > 0) {
      return fail(400, { action: 'create' as const, values, errors, message: null });
    }
    let id: string;
    try {
      id = getServices().standards.create(values).id;
    } catch (error) {
      return failure(error, { action: 'create' as const, values, errors });
    }
    redirect(303, `/standards/${encodeURIComponent(id)}`);
  },

  rename: async ({ request }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const title = text(form, 'title');
    const errors = validate({ title }, ['title']);
    if (!id) return fail(400, { action: 'rename' as const, id, errors, message: 'No standard was named to rename.' });
    if (errors.title) return fail(400, { action: 'rename' as const, id, errors, message: null });
    try {
      getServices().standards.update(id, { title });
    } catch (error) {
      return failure(error, { action: 'rename' as const, id, errors });
    }
    redirect(303, '/');
  },

  delete: async ({ request }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    // The confirmation step sets this field; a bare post (a stray click, a crafted request) does not delete.
    if (form.get('confirm') !== 'yes') {
      return fail(400, { action: 'delete' as const, id, errors: {}, message: 'Deleting needs confirmation.' });
    }
    try {
      getServices().standards.remove(id);
    } catch (error) {
      return failure(error, { action: 'delete' as const, id, errors: {} });
    }
    redirect(303, '/');
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

/** A service's InputError becomes a 4xx with its message; anything else is a bug and rethrown. */
function failure<T extends object>(error: unknown, data: T) {
  if (isInputError(error)) return fail(error.status, { ...data, message: error.message });
  throw error;
}

// The services are built by server/main.ts from its own copy of server/services.ts, not the one
// bundled here, so `instanceof` cannot be trusted across the seam: match by name.
function isInputError(error: unknown): error is InputError {
  return error instanceof Error && error.name === 'InputError' && typeof (error as InputError).status === 'number';
}
