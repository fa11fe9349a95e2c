// What the server needs from persistent storage. Everything else (Hocuspocus hooks, services,
// the CLI) talks to these two interfaces only, so another backend (e.g. Postgres) is one new file
// implementing them plus one line in server/storage/open.ts.
//
// The methods are synchronous on purpose. `DocumentStore.append` runs inside Yjs's update
// handler, which Hocuspocus calls before it acknowledges the update to the client: an append
// that returns has made the edit durable, so an acknowledged edit survives kill -9. The
// StandardsService contract (server/services.ts) is synchronous too. A networked backend has to
// keep that promise (e.g. journal appends locally and ship them, or acknowledge from its own hook).

import type { StandardSummary } from '../services';

/** A stored collaborative document: the compacted state plus the updates logged since. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Bytes held for the document (snapshot + log); an upper bound of its encoded state. */
  bytes: number;
}

export interface DocumentStore {
  /** The stored document, or undefined if nothing was ever stored under this name. */
  read(name: string): StoredDocument | undefined;
  /** The document's state: snapshot with the log replayed, merged into one Yjs update. */
  load(name: string): Uint8Array | undefined;
  /** Appends one Yjs update to the document's log; durable when it returns. */
  append(name: string, update: Uint8Array): void;
  /** Number of updates in the log since the last compaction. */
  logLength(name: string): number;
  /**
   * Replaces the snapshot with `state` and drops the log, in one transaction. `state` must
   * contain everything logged so far (e.g. Y.encodeStateAsUpdate of the live document that
   * produced every logged update). Without `state`, the stored snapshot and log are merged.
   */
  compact(name: string, state?: Uint8Array): void;
  /** Creates or replaces the whole document with `state` (used when creating a standard). */
  put(name: string, state: Uint8Array): void;
  delete(name: string): void;
  /** Every document name held. */
  names(): string[];
}

/** A standard's metadata row: exactly what the services hand out as a summary. */
export type StandardRow = StandardSummary;

export type StandardFields = Pick<StandardRow, 'title' | 'designation' | 'series' | 'studyGroup'>;

export interface StandardsRepository {
  list(): StandardRow[];
  get(id: string): StandardRow | undefined;
  create(row: StandardRow): void;
  update(id: string, fields: Partial<StandardFields>, updatedAt: string): StandardRow | undefined;
  /** Returns whether a row was removed. */
  delete(id: string): boolean;
  count(): number;
}

// ---- Accounts (users, sessions, API tokens) ---------------------------------------------------

export interface UserRow {
  id: string;
  email: string; // lower-cased
  name: string;
  passwordHash: string; // argon2id PHC string
  isAdmin: boolean;
  createdAt: string;
}

export interface SessionRow {
  /** Hex SHA-256 of the session token: the token itself is never stored. */
  id: string;
  userId: string;
  expiresAt: number; // ms since epoch
  createdAt: string;
}

export interface ApiTokenRow {
  id: string;
  /** Hex SHA-256 of the token. */
  hash: string;
  userId: string;
  name: string;
  scope: 'read';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface AccountsRepository {
  userCount(): number;
  userById(id: string): UserRow | undefined;
  userByEmail(email: string): UserRow | undefined;
  /** Throws UniqueViolation when the email is taken. */
  createUser(row: UserRow): void;
  setPasswordHash(userId: string, hash: string): void;

  createSession(row: SessionRow): void;
  session(id: string): SessionRow | undefined;
  setSessionExpiry(id: string, expiresAt: number): void;
  deleteSession(id: string): void;
  /** Deletes the user's sessions except `keep`; returns the ids deleted. */
  deleteSessionsOf(userId: string, keep?: string): string[];
  deleteExpiredSessions(now: number): number;

  createApiToken(row: ApiTokenRow): void;
  apiTokenByHash(hash: string): ApiTokenRow | undefined;
  apiTokensOf(userId: string): ApiTokenRow[];
  touchApiToken(id: string, at: string): void;
  /** Returns whether a token of this user was removed. */
  deleteApiToken(userId: string, id: string): boolean;
}

/** A unique constraint refused a row (e.g. an email already registered). */
export class UniqueViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UniqueViolation';
  }
}

// ---- Working groups ---------------------------------------------------------------------------

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  createdAt: string;
}

export interface MembershipRow {
  groupId: string;
  userId: string;
  role: 'convenor' | 'editor' | 'reviewer' | 'observer';
  createdAt: string;
}

export interface InvitationRow {
  id: string;
  /** Hex SHA-256 of the invitation token (the link's secret). */
  hash: string;
  groupId: string;
  role: MembershipRow['role'];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface GroupsRepository {
  list(): GroupRow[];
  get(id: string): GroupRow | undefined;
  create(row: GroupRow): void;
  /** Memberships with the member's user row, ordered by role then name. */
  members(groupId: string): (MembershipRow & { email: string; name: string })[];
  membershipsOf(userId: string): MembershipRow[];
  membership(groupId: string, userId: string): MembershipRow | undefined;
  /** Inserts or changes the role. */
  putMembership(row: MembershipRow): void;
  deleteMembership(groupId: string, userId: string): boolean;

  createInvitation(row: InvitationRow): void;
  invitationByHash(hash: string): InvitationRow | undefined;
  invitations(groupId: string): InvitationRow[];
  deleteInvitation(id: string): boolean;
}

// ---- Review threads ---------------------------------------------------------------------------

export interface ThreadRow {
  id: string;
  standardId: string;
  /** JSON of ThreadAnchor. */
  anchor: string;
  type: 'general' | 'technical' | 'editorial';
  authorId: string;
  body: string;
  proposedChange: string;
  createdAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
  reopenedBy: string | null;
  reopenedAt: string | null;
}

export interface ReplyRow {
  id: string;
  threadId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface ThreadsRepository {
  /** Threads of a standard, oldest first, each with author names resolved. */
  list(standardId: string): ThreadRow[];
  get(id: string): ThreadRow | undefined;
  create(row: ThreadRow): void;
  setResolution(id: string, fields: Pick<ThreadRow, 'resolvedBy' | 'resolvedAt' | 'resolutionNote'>): void;
  setReopened(id: string, fields: Pick<ThreadRow, 'reopenedBy' | 'reopenedAt'>): void;
  replies(threadIds: string[]): ReplyRow[];
  addReply(row: ReplyRow): void;
  deleteForStandard(standardId: string): void;
}

export interface Storage {
  documents: DocumentStore;
  standards: StandardsRepository;
  accounts: AccountsRepository;
  groups: GroupsRepository;
  threads: ThreadsRepository;
  /** True when this open created the database (first start): the moment to seed an example. */
  readonly fresh: boolean;
  /** Runs `work` atomically across both stores. */
  transaction<T>(work: () => T): T;
  close(): void;
}

/** Stored data that cannot be read back: the message names the document and the bad row. */
export class CorruptDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptDocumentError';
  }
}
