// `clausework token create|list|revoke` as an operator runs it, against the embedded SQLite store
// of a data directory and against PostgreSQL (DATABASE_URL): the printed token works as a
// read-only API token, and mistakes exit 2 with a message naming them.

import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { openStorage } from '../../server/storage/open';
import { accountsService } from '../../server/access/accounts';
import { changeHub } from '../../server/access/changes';
import { createLogger } from '../../server/log';
import { createAccountIn, removeTempDataDirs, tempDataDir } from '../helpers/server';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'server/cli/bin.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  delete childEnv.VITEST;
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: childEnv, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Resolves a token the way the server does, with the storage the CLI wrote to. */
async function validate(env: Record<string, string>, token: string) {
  const storage = await openStorage(loadConfig(env));
  try {
    return await accountsService({ storage, changes: changeHub(), log: createLogger('silent') }).validateApiToken(token);
  } finally {
    await storage.close();
  }
}

const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  removeTempDataDirs();
});

describe.each([
  [
    'SQLite (DATA_DIR)',
    async () => {
      const dataDir = tempDataDir();
      const account = await createAccountIn(dataDir);
      return { env: { DATA_DIR: dataDir }, email: account.user.email };
    }
  ],
  [
    'PostgreSQL (DATABASE_URL)',
    async () => {
      const db = await createTestDatabase();
      databases.push(db);
      const env = { DATABASE_URL: db.url, DATA_DIR: join(tempDataDir(), 'unused') };
      const storage = await openStorage(loadConfig(env));
      try {
        const accounts = accountsService({ storage, changes: changeHub(), log: createLogger('silent') });
        await accounts.signUp({ email: 'operator@example.test', name: 'Operator', password: 'correct horse battery' }, 'test');
      } finally {
        await storage.close();
      }
      return { env, email: 'operator@example.test' };
    }
  ]
])('clausework token on %s', (_name, setUp) => {
  it('creates a read-only token that works, lists it, and revokes it', async () => {
    const { env, email } = await setUp();
    const created = await cli(['token', 'create', '--email', email, '--name', 'ci'], env);
    expect(created.stderr).not.toMatch(/error/i);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^cw_[a-z2-7]{32}$/);
    const actor = await validate(env, token);
    expect(actor).toMatchObject({ scope: 'read', via: 'token', user: { email } });

    const listed = await cli(['token', 'list', '--email', email], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout + listed.stderr).toContain('ci');
    expect(listed.stdout + listed.stderr).not.toContain(token);

    await cli(['token', 'revoke', '--email', email, '--id', actor!.credentialId], env);
    expect(await validate(env, token)).toBeUndefined();
  });

  it('exits 2 naming the email when there is no such account', async () => {
    const { env } = await setUp();
    const run = await cli(['token', 'create', '--email', 'nobody@example.test'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nobody@example.test');
    expect(run.stdout).toBe('');
  });
});
