import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { RoleSchema, ValidationError, type Role, type User } from '@crmkit/core';
import type { SqlStore } from '../store/sql-store.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;
const SCRYPT = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A user of the team server, as stored (never with the token). */
export interface Account extends User {
  /** When the account was made. */
  createdAt: string;
}

/**
 * The server's users and their credentials: one API token per user, kept as
 * a scrypt hash (the token itself is shown once), and login sessions (kept as
 * SHA-256 of the session id). Verified credentials are cached briefly so a
 * busy client does not pay scrypt on every call, and a credential being
 * verified is verified once however many requests carry it meanwhile (a
 * client opening many connections at once, or all of them after the cache
 * entry expired, would otherwise run scrypt once per request).
 */
export class Accounts {
  private readonly cache = new Map<string, { userId: string; until: number }>();
  private readonly verifying = new Map<string, Promise<string | undefined>>();
  /** Bumped whenever credentials change, so a verification that started before does not cache its answer. */
  private generation = 0;

  constructor(
    private readonly store: SqlStore,
    private readonly options: { cacheMs?: number; sessionDays?: number } = {},
  ) {}

  /** Adds a user (or replaces the name and role of an existing one) and returns a new API token, shown once. */
  async add(input: { id: string; name?: string; role: Role }): Promise<{ account: Account; token: string }> {
    if (!USER_ID.test(input.id)) throw new ValidationError([{ path: ['id'], code: 'invalid', message: 'A user id is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' }], 'user');
    const role = RoleSchema.safeParse(input.role);
    if (!role.success) throw new ValidationError([{ path: ['role'], code: 'invalid_option', message: 'The role is one of admin, head, manager' }], 'user');
    const name = (input.name ?? input.id).trim() || input.id;
    const tokenId = randomBytes(9).toString('base64url');
    const secret = randomBytes(24).toString('base64url');
    const hash = await hashSecret(secret);
    const sql = await this.store.sql();
    const [row] = await sql.query<{ created_at: Date | string }>(
      `INSERT INTO crm_users (id, name, role, token_id, token_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, token_id = EXCLUDED.token_id, token_hash = EXCLUDED.token_hash
       RETURNING created_at`,
      [input.id, name, role.data, tokenId, hash],
    );
    this.forget();
    return { account: { id: input.id, name, role: role.data, createdAt: new Date(row!.created_at).toISOString() }, token: `crm_${tokenId}.${secret}` };
  }

  /** Every user, by id. */
  async list(): Promise<Account[]> {
    const sql = await this.store.sql();
    const rows = await sql.query<{ id: string; name: string; role: Role; created_at: Date | string }>('SELECT id, name, role, created_at FROM crm_users ORDER BY id');
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: new Date(r.created_at).toISOString() }));
  }

  /** Removes a user: their token and sessions stop working at once (their records stay). */
  async remove(id: string): Promise<boolean> {
    const sql = await this.store.sql();
    const rows = await sql.query('DELETE FROM crm_users WHERE id = $1 RETURNING id', [id]);
    this.forget();
    return rows.length > 0;
  }

  /** The user an API token belongs to, or `undefined`. */
  async verifyToken(token: string): Promise<string | undefined> {
    const match = /^crm_([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{32})$/.exec(token);
    if (!match) return undefined;
    const cached = this.fromCache(token);
    if (cached) return cached;
    return this.once(token, async () => {
      const sql = await this.store.sql();
      const [row] = await sql.query<{ id: string; token_hash: string }>('SELECT id, token_hash FROM crm_users WHERE token_id = $1', [match[1]]);
      if (!row || !(await verifySecret(match[2]!, row.token_hash))) return undefined;
      return row.id;
    });
  }

  /** Starts a login session for a user; returns the session id for the cookie. */
  async startSession(userId: string): Promise<{ id: string; expiresAt: Date }> {
    const id = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + (this.options.sessionDays ?? 14) * 86_400_000);
    const sql = await this.store.sql();
    await sql.query('DELETE FROM crm_sessions WHERE expires_at < now()');
    await sql.query('INSERT INTO crm_sessions (id_hash, user_id, expires_at) VALUES ($1, $2, $3)', [sha256(id), userId, expiresAt.toISOString()]);
    return { id, expiresAt };
  }

  /** The user of a live session, or `undefined`. */
  async verifySession(id: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const cached = this.fromCache(`s:${id}`);
    if (cached) return cached;
    return this.once(`s:${id}`, async () => {
      const sql = await this.store.sql();
      const [row] = await sql.query<{ user_id: string }>('SELECT user_id FROM crm_sessions WHERE id_hash = $1 AND expires_at > now()', [sha256(id)]);
      return row?.user_id;
    });
  }

  /** Ends a session. */
  async endSession(id: string): Promise<void> {
    this.cache.delete(sha256(`s:${id}`));
    this.generation++;
    const sql = await this.store.sql();
    await sql.query('DELETE FROM crm_sessions WHERE id_hash = $1', [sha256(id)]);
  }

  /** Verifies `credential` with `verify` unless the same one is being verified already; caches a user found. */
  private once(credential: string, verify: () => Promise<string | undefined>): Promise<string | undefined> {
    const key = sha256(credential);
    const running = this.verifying.get(key);
    if (running) return running;
    const generation = this.generation;
    const result = verify()
      .then((userId) => {
        if (userId && generation === this.generation) this.remember(credential, userId);
        return userId;
      })
      .finally(() => this.verifying.delete(key));
    this.verifying.set(key, result);
    return result;
  }

  private forget(): void {
    this.cache.clear();
    this.verifying.clear();
    this.generation++;
  }

  private fromCache(credential: string): string | undefined {
    const key = sha256(credential);
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.userId;
    if (hit) this.cache.delete(key);
    return undefined;
  }

  private remember(credential: string, userId: string): void {
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(sha256(credential), { userId, until: Date.now() + (this.options.cacheMs ?? 30_000) });
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return timingSafeEqual(actual, expected);
}
