// Working-group roles and what each may do. Pure: the HTTP hooks, the collaboration socket and
// the services all decide with `can`, so a role means the same thing everywhere.

export const ROLES = ['convenor', 'editor', 'reviewer', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'read' // open the standard, export it, read comments
  | 'comment' // open threads and reply
  | 'edit' // change text, structure, tags and settings of the draft
  | 'resolve' // resolve and reopen any thread
  | 'manage'; // members, invitations, creating, renaming and deleting standards

const GRANTS: Record<Role, readonly Permission[]> = {
  convenor: ['read', 'comment', 'edit', 'resolve', 'manage'],
  editor: ['read', 'comment', 'edit', 'resolve'],
  reviewer: ['read', 'comment'],
  observer: ['read']
};

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  convenor: 'Convenor',
  editor: 'Editor',
  reviewer: 'Reviewer',
  observer: 'Observer'
};
