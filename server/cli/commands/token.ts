// `clausework token create|list|revoke`: personal read-only API tokens for an existing account,
// written straight into the server's database (DATA_DIR, as for the server; it may be running).
// The token goes to stdout alone, so `TOKEN=$(clausework token create …)` captures just it.

import { existsSync } from 'node:fs';
import { accountsService } from '../../access/accounts';
import { changeHub } from '../../access/changes';
import { ConfigError, loadConfig } from '../../config';
import { createLogger } from '../../log';
import { InputError, type AccountsService, type User } from '../../services';
import { databaseFile, openStorage } from '../../storage/open';

export async function runTokenCreate(opts: { email: string; name?: string; expiresDays?: string }): Promise<void> {
  await withAccount(opts.email, async (accounts, user) => {
    const expires = opts.expiresDays === undefined ? undefined : Number(opts.expiresDays);
    if (expires !== undefined && !Number.isInteger(expires)) {
      throw new InputError(`--expires-days must be a whole number of days, not "${opts.expiresDays}".`);
    }
    const { token, info } = await accounts.createApiToken(user.id, opts.name ?? 'command line', expires);
    process.stdout.write(token + '\n');
    process.stderr.write(
      `Created read-only API token "${info.name}" (id ${info.id}) for ${user.email}; ` +
        `${info.expiresAt ? `expires ${info.expiresAt}` : 'no expiry'}.\n` +
        'It is shown only this once: store it now. Use it as "Authorization: Bearer <token>".\n'
    );
  });
}

export async function runTokenList(opts: { email: string }): Promise<void> {
  await withAccount(opts.email, async (accounts, user) => {
    const tokens = await accounts.listApiTokens(user.id);
    if (tokens.length === 0) {
      process.stderr.write(`${user.email} has no API tokens.\n`);
      return;
    }
    process.stdout.write(['id', 'name', 'created', 'expires', 'last used'].join('\t') + '\n');
    for (const t of tokens) {
      process.stdout.write([t.id, t.name, t.createdAt, t.expiresAt ?? 'never', t.lastUsedAt ?? 'never'].join('\t') + '\n');
    }
  });
}

export async function runTokenRevoke(opts: { email: string; id: string }): Promise<void> {
  await withAccount(opts.email, async (accounts, user) => {
    await accounts.revokeApiToken(user.id, opts.id);
    process.stderr.write(`Revoked API token ${opts.id} of ${user.email}.\n`);
  });
}

/** Opens the server's database, finds the account by email and runs `work`. */
async function withAccount(email: string, work: (accounts: AccountsService, user: User) => Promise<void>): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(error.message);
    throw error;
  }
  // Opening a missing database would create an empty one: a mistyped DATA_DIR must fail instead.
  // (With DATABASE_URL the server's PostgreSQL database is used and DATA_DIR does not matter.)
  if (!config.databaseUrl && !existsSync(databaseFile(config))) {
    throw new InputError(
      `no Clausework database in ${config.dataDir}: set DATA_DIR to the server's data directory.`
    );
  }
  const storage = await openStorage(config);
  try {
    const accounts = accountsService({ storage, changes: changeHub(), log: createLogger('silent') });
    const user = await accounts.findUser(email);
    const where = config.databaseUrl ? 'the PostgreSQL database (DATABASE_URL)' : config.dataDir;
    if (!user) throw new InputError(`no account with the email ${email} in ${where}.`);
    await work(accounts, user);
  } finally {
    await storage.close();
  }
}
