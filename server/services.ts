// The seam between the Node process and the SvelteKit app. server/main.ts builds the services
// once and registers them here; the SvelteKit bundle (a separate module graph) reads the same
// instance through a global symbol, so both halves share one store and one collaboration server.
// This module must stay free of I/O imports: it is bundled into the web app.

import type { Standard } from '../clauses/model';

export interface StandardSummary {
  id: string;
  title: string;
  designation: string;
  series: string;
  studyGroup: string;
  createdAt: string; // ISO 8601
  updatedAt: string; // ISO 8601
}

export interface StandardInput {
  title: string;
  designation: string;
  series: string;
  studyGroup: string;
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

export interface StandardsService {
  list(): StandardSummary[];
  get(id: string): StandardSummary | undefined;
  /** Creates the metadata row and the stored document (from the clause skeleton). */
  create(input: StandardInput): StandardSummary;
  update(id: string, patch: Partial<StandardInput>): StandardSummary;
  /** Removes the standard, its stored document and closes its open connections. */
  remove(id: string): void;
}

/**
 * The content of a standard as the `Standard` model, for the HTTP export and import endpoints.
 */
export interface DocumentService {
  /** The current draft: the live collaborative document if loaded, else the stored state. */
  read(id: string): Promise<Standard | undefined>;
  /** Creates a standard whose document is `std` (e.g. from a Markdown import). */
  importStandard(std: Standard, input: StandardInput): Promise<StandardSummary>;
}

export interface Services {
  standards: StandardsService;
  document: DocumentService;
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
