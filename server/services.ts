// The seam between the Node process and the SvelteKit app. server/main.ts builds the services
// once and registers them here; the SvelteKit bundle (a separate module graph) reads the same
// instance through a global symbol, so both halves share one store and one collaboration server.
// This module must stay free of I/O imports: it is bundled into the web app.

import type { Standard } from '../clauses/model';
import type { ImportResult } from '../exporters/markdown/import';
import type { NewThread, Thread } from '../clauses/review';
import type { Role } from './access/roles';

export interface StandardSummary {
  id: string;
  title: string;
  designation: string;
  series: string;
  studyGroup: string;
  /** The working group the standard belongs to. */
  groupId: string;
  createdAt: string; // ISO 8601
  updatedAt: string; // ISO 8601
}

export interface StandardInput {
  title: string;
  designation: string;
  series: string;
  studyGroup: string;
  /** Required on creation; a standard never moves between groups afterwards. */
  groupId?: string;
}

/** A user's mistake: the HTTP layer answers 4xx with `message`, the CLI exits non-zero. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly status = 400
  ) {
    super(message);
    this.name = 'InputError';
  }
}

// Every method that reaches storage returns a promise: the database may be across a network.

export interface StandardsService {
  list(): Promise<StandardSummary[]>;
  get(id: string): Promise<StandardSummary | undefined>;
  /** Creates the metadata row and the stored document (from the clause skeleton). */
  create(input: StandardInput): Promise<StandardSummary>;
  update(id: string, patch: Partial<StandardInput>): Promise<StandardSummary>;
  /** Removes the standard, its stored document and closes its open connections. */
  remove(id: string): Promise<void>;
}

/**
 * The content of a standard as the `Standard` model, for the HTTP export and import endpoints.
 */
export interface DocumentService {
  /** The current draft: the live collaborative document if loaded, else the stored state. */
  read(id: string): Promise<Standard | undefined>;
  /** Creates a standard whose document is `std` (e.g. from a Markdown import). */
  importStandard(std: Standard, input: StandardInput): Promise<StandardSummary>;
  /**
   * Reads a Markdown draft into a `Standard` off the server's thread (creates nothing). Throws
   * InputError 400 (not importable; the importer's message), 422 (took longer than
   * IMPORT_TIMEOUT_MS, or too big to read), 429 RateLimitError (other drafts are being read).
   */
  parseMarkdown(text: string): Promise<ImportResult>;
}

// ---- Accounts, sessions and API tokens (server/access/) -------------------------------------

export interface User {
  id: string;
  /** Stored lower-cased; unique. */
  email: string;
  name: string;
  /** The first account created; acts as convenor of every working group and creates groups. */
  isAdmin: boolean;
  createdAt: string;
}

/** Who makes a request, and through what. */
export interface Actor {
  user: User;
  /** 'session': a browser (or provider) session; 'token': a personal API token. */
  via: 'session' | 'token';
  /** API tokens are read-only; sessions are full. */
  scope: 'full' | 'read';
  /** sha-256 id of the session or the API token's id. */
  credentialId: string;
}

export interface SessionGrant {
  user: User;
  /** The secret for the cookie (or a provider's `token`): shown once, stored only hashed. */
  token: string;
  expiresAt: Date;
}

export interface ValidSession {
  actor: Actor;
  expiresAt: Date;
  /** The expiry was extended (past half-life): the cookie must be set again. */
  renewed: boolean;
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  scope: 'read';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** A request refused for too many attempts: HTTP 429 with Retry-After. */
export class RateLimitError extends InputError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number
  ) {
    super(message, 429);
    this.name = 'RateLimitError';
  }
}

export interface AccountsService {
  /** Creates an account and its first session; the first account ever becomes administrator. */
  signUp(input: { email: string; name: string; password: string }, ip: string): Promise<SessionGrant>;
  /** Always a new session (no fixation); same error for an unknown email and a wrong password. */
  logIn(input: { email: string; password: string }, ip: string): Promise<SessionGrant>;
  /** Resolves a session token, extending it when past half-life; undefined when unknown/expired. */
  validateSession(token: string): Promise<ValidSession | undefined>;
  logOut(token: string): Promise<void>;
  /** Checks the current password, ends every other session of the user. */
  changePassword(actor: Actor, current: string, next: string): Promise<void>;
  userCount(): Promise<number>;
  findUser(email: string): Promise<User | undefined>;
  createApiToken(userId: string, name: string, expiresInDays?: number): Promise<{ token: string; info: ApiTokenInfo }>;
  listApiTokens(userId: string): Promise<ApiTokenInfo[]>;
  revokeApiToken(userId: string, tokenId: string): Promise<void>;
  validateApiToken(token: string): Promise<Actor | undefined>;
}

// ---- Working groups, roles and invitations (server/access/) ----------------------------------

export interface WorkingGroup {
  id: string;
  name: string;
  description: string;
  createdAt: string;
}

export interface Member {
  user: Pick<User, 'id' | 'email' | 'name'>;
  role: Role;
  since: string;
}

export interface Invitation {
  id: string;
  groupId: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface GroupsService {
  /** Groups the actor belongs to (every group for the administrator) with the actor's role. */
  listFor(actor: Actor): Promise<(WorkingGroup & { role: Role })[]>;
  get(id: string): Promise<WorkingGroup | undefined>;
  /** Administrator only; the creator becomes convenor. */
  create(actor: Actor, input: { name: string; description?: string }): Promise<WorkingGroup>;
  members(actor: Actor, groupId: string): Promise<Member[]>;
  /** The user's role in the group; the administrator is convenor everywhere. */
  roleOf(userId: string, groupId: string): Promise<Role | undefined>;
  setRole(actor: Actor, groupId: string, userId: string, role: Role): Promise<void>;
  /** Takes effect at once, also on open WebSocket connections. */
  removeMember(actor: Actor, groupId: string, userId: string): Promise<void>;
  invite(actor: Actor, groupId: string, role: Role, expiresInDays: number): Promise<{ token: string; invitation: Invitation }>;
  invitations(actor: Actor, groupId: string): Promise<Invitation[]>;
  revokeInvitation(actor: Actor, groupId: string, invitationId: string): Promise<void>;
  /** What an invitation link offers, without accepting it; undefined when unknown or expired. */
  describeInvitation(token: string): Promise<{ group: WorkingGroup; role: Role; expiresAt: string } | undefined>;
  accept(actor: Actor, token: string): Promise<{ group: WorkingGroup; role: Role }>;
}

/** Authorisation decisions for a standard, shared by the HTTP hooks and the socket. */
export interface AccessService {
  /** The actor's role on the standard's group, or undefined when not a member. */
  roleOn(actor: Actor, standardId: string): Promise<Role | undefined>;
  /**
   * Throws InputError 404 (no such standard) or 403 (not a member, or the role or the token
   * scope lacks `permission`); returns the role otherwise.
   */
  require(actor: Actor, standardId: string, permission: import('./access/roles').Permission): Promise<Role>;
  /** Called with the users whose access changed (removal, role change, logout, password change). */
  onChange(listener: (change: AccessChange) => void): () => void;
}

export type AccessChange =
  | { kind: 'membership'; userId: string; groupId: string }
  | { kind: 'sessions'; userId: string; /** Ended sessions (sha-256 ids); all when absent. */ sessionIds?: string[] };

// ---- Review threads (server/review/) ---------------------------------------------------------

export interface ThreadsService {
  list(standardId: string): Promise<Thread[]>;
  create(actor: Actor, standardId: string, input: NewThread): Promise<Thread>;
  reply(actor: Actor, threadId: string, body: string): Promise<Thread>;
  resolve(actor: Actor, threadId: string, note?: string): Promise<Thread>;
  reopen(actor: Actor, threadId: string): Promise<Thread>;
}

export interface Services {
  standards: StandardsService;
  document: DocumentService;
  accounts: AccountsService;
  groups: GroupsService;
  access: AccessService;
  threads: ThreadsService;
  /** Where the browser connects its HocuspocusProvider, relative to the page origin. */
  collabPath: string;
}

const KEY = Symbol.for('clausework.services');
type Registry = { [KEY]?: Services };

export function registerServices(services: Services): void {
  (globalThis as Registry)[KEY] = services;
}

export function getServices(): Services {
  const services = (globalThis as Registry)[KEY];
  if (!services) {
    throw new Error('Clausework services are not registered: start the app with `npm start`.');
  }
  return services;
}
