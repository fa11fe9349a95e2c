// What the server needs from persistent storage. Everything else (Hocuspocus hooks, services,
// the CLI) talks to these interfaces only; server/storage/open.ts picks the backend: embedded
// SQLite (the default) or PostgreSQL (DATABASE_URL), with the same behaviour.
//
// Every method is asynchronous, so a networked database fits. Durability does not depend on
// being synchronous: the collaboration server appends a client's update in its
// beforeHandleMessage hook and only lets Hocuspocus apply and acknowledge it once the append has
// resolved (server/collab/persistence.ts), so an acknowledged edit survives kill -9 either way.
// There is no general transaction method: each method that must be atomic is one method here
// (e.g. StandardsRepository.create stores the row and its document together).

import type { StandardSummary } from '../services';

/** One entry of a document's update log. */
export interface LoggedUpdate {
  /** Increasing within the store; compaction folds entries up to a seq into the snapshot. */
  seq: number;
  data: Uint8Array;
}

/** A stored collaborative document: the compacted state plus the updates logged since. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: LoggedUpdate[];
  /** Bytes held for the document (snapshot + log); an upper bound of its encoded state. */
  bytes: number;
}

/** A log entry that could not be applied, moved aside (table document_quarantine) on load. */
export interface QuarantinedUpdate {
  name: string;
  seq: number;
  reason: string;
}

export interface LoadedDocument {
  /** Snapshot with every good log entry replayed, as one Yjs update. */
  state: Uint8Array;
  bytes: number;
  /** Log entries since the last compaction (good ones). */
  logged: number;
  /** Corrupt entries found on this load; already moved to quarantine and out of the log. */
  quarantined: QuarantinedUpdate[];
}

export interface DocumentStore {
  /** The stored document, or undefined if nothing was ever stored under this name. */
  read(name: string): Promise<StoredDocument | undefined>;
  /**
   * The document's state. A corrupt log entry is moved to quarantine (kept for inspection) and
   * skipped, so the document opens from its last good state; a corrupt snapshot throws
   * CorruptDocumentError and leaves everything as stored.
   */
  load(name: string): Promise<LoadedDocument | undefined>;
  /** Appends one Yjs update to the document's log; durable when the promise resolves. */
  append(name: string, update: Uint8Array): Promise<void>;
  /** Number of updates in the log since the last compaction. */
  logLength(name: string): Promise<number>;
  /**
   * Folds the stored snapshot and the log entries present when it starts into a new snapshot and
   * deletes exactly those entries, atomically. Entries appended meanwhile (by this or another
   * server instance) stay in the log. Returns the new snapshot's size, or undefined if nothing is stored.
   */
  compact(name: string): Promise<number | undefined>;
  /** Creates or replaces the whole document with `state` (a standard's initial content). */
  put(name: string, state: Uint8Array): Promise<void>;
  delete(name: string): Promise<void>;
  /** Every document name held. */
  names(): Promise<string[]>;
  /** Quarantined log entries of a document, oldest first (for inspection and tests). */
  quarantined(name: string): Promise<(QuarantinedUpdate & { data: Uint8Array; at: string })[]>;
}

/** A standard's metadata row: exactly what the services hand out as a summary. */
export type StandardRow = StandardSummary;

export type StandardFields = Pick<StandardRow, 'title' | 'designation' | 'series' | 'studyGroup'>;

export interface StandardsRepository {
  list(): Promise<StandardRow[]>;
  get(id: string): Promise<StandardRow | undefined>;
  /** Stores the row and its document (initial Yjs state) atomically. */
  create(row: StandardRow, state: Uint8Array): Promise<void>;
  update(id: string, fields: Partial<StandardFields>, updatedAt: string): Promise<StandardRow | undefined>;
  /** Removes the row, its document and its review threads atomically; returns whether it existed. */
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
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
  userCount(): Promise<number>;
  userById(id: string): Promise<UserRow | undefined>;
  userByEmail(email: string): Promise<UserRow | undefined>;
  /**
   * Inserts the user; `isAdmin` is decided atomically with the insert (the first user ever is
   * the administrator, even when two sign up at once). Throws UniqueViolation when the email is taken.
   */
  createUser(row: Omit<UserRow, 'isAdmin'>): Promise<UserRow>;
  setPasswordHash(userId: string, hash: string): Promise<void>;

  createSession(row: SessionRow): Promise<void>;
  session(id: string): Promise<SessionRow | undefined>;
  setSessionExpiry(id: string, expiresAt: number): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Deletes the user's sessions except `keep`; returns the ids deleted. */
  deleteSessionsOf(userId: string, keep?: string): Promise<string[]>;
  deleteExpiredSessions(now: number): Promise<number>;

  createApiToken(row: ApiTokenRow): Promise<void>;
  apiTokenByHash(hash: string): Promise<ApiTokenRow | undefined>;
  apiTokensOf(userId: string): Promise<ApiTokenRow[]>;
  touchApiToken(id: string, at: string): Promise<void>;
  /** Returns whether a token of this user was removed. */
  deleteApiToken(userId: string, id: string): Promise<boolean>;
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
  list(): Promise<GroupRow[]>;
  get(id: string): Promise<GroupRow | undefined>;
  /**
   * Creates the group with its first convenor, atomically. `null`: a group with no members yet
   * (the example group seeded on a new database, before anyone has an account).
   */
  create(row: GroupRow, convenor: MembershipRow | null): Promise<void>;
  /** Memberships with the member's user row, ordered by role then name. */
  members(groupId: string): Promise<(MembershipRow & { email: string; name: string })[]>;
  membershipsOf(userId: string): Promise<MembershipRow[]>;
  membership(groupId: string, userId: string): Promise<MembershipRow | undefined>;
  /** Inserts or changes the role. */
  putMembership(row: MembershipRow): Promise<void>;
  deleteMembership(groupId: string, userId: string): Promise<boolean>;

  createInvitation(row: InvitationRow): Promise<void>;
  invitationByHash(hash: string): Promise<InvitationRow | undefined>;
  invitations(groupId: string): Promise<InvitationRow[]>;
  deleteInvitation(id: string): Promise<boolean>;
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
  /** Threads of a standard, oldest first. */
  list(standardId: string): Promise<ThreadRow[]>;
  get(id: string): Promise<ThreadRow | undefined>;
  create(row: ThreadRow): Promise<void>;
  /** Sets resolution and reopening fields in one statement. */
  update(
    id: string,
    fields: Partial<Pick<ThreadRow, 'resolvedBy' | 'resolvedAt' | 'resolutionNote' | 'reopenedBy' | 'reopenedAt'>>
  ): Promise<void>;
  replies(threadIds: string[]): Promise<ReplyRow[]>;
  addReply(row: ReplyRow): Promise<void>;
}

export interface Storage {
  documents: DocumentStore;
  standards: StandardsRepository;
  accounts: AccountsRepository;
  groups: GroupsRepository;
  threads: ThreadsRepository;
  /** Which backend this is, for logs and the health check. */
  readonly kind: 'sqlite' | 'postgres';
  /** True when this open created the database (first start): the moment to seed an example. */
  readonly fresh: boolean;
  close(): Promise<void>;
}

/** Stored data that cannot be read back: the message names the document and the bad row. */
export class CorruptDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptDocumentError';
  }
}
