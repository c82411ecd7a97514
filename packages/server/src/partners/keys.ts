import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import pg from 'pg';
import { InsynError } from '../errors.js';

/**
 * API keys for partners (docs/partners.md). Reads are open to everyone; a write needs a key
 * whose scopes cover the data set and the unit it writes.
 *
 * A key is `insyn_<id>_<secret>`: the id finds the row, the secret is compared (in constant
 * time) with the SHA-256 stored for it. The secret itself is shown once, when the key is made,
 * and never stored. Every write reads its key's row, so a revocation holds at once on every
 * server.
 */

export interface ApiKey {
  id: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  /** Requests per minute this key may send; null: the server's default for keys (docs/partners.md). */
  rateLimit: number | null;
}

/** What a key may write, read from its scopes. */
export interface Grant {
  keyId: string;
  name: string;
  /** Data sets it may write. */
  datasets: string[];
  /** Units it may write; empty: every unit (the key owns its data sets). */
  units: string[];
}

const SCOPE = /^write:(dataset|unit):([a-z0-9][a-z0-9-]{0,62}|\d{4}(-[a-z0-9-]+)?)$/;

/** Problems with a list of scopes (empty when they are fine). */
export function scopeProblems(scopes: string[]): string[] {
  const problems = scopes.filter((s) => !SCOPE.test(s)).map((s) => `"${s}" is not a scope: write:dataset:<code> or write:unit:<SCB code>, e.g. write:unit:0380`);
  if (!problems.length && !scopes.some((s) => s.startsWith('write:dataset:'))) problems.push('a key needs at least one write:dataset:<code> scope (the data set it writes)');
  return problems;
}

export function grantOf(key: Pick<ApiKey, 'id' | 'name' | 'scopes'>): Grant {
  const of = (kind: string) => key.scopes.filter((s) => s.startsWith(`write:${kind}:`)).map((s) => s.slice(`write:${kind}:`.length));
  return { keyId: key.id, name: key.name, datasets: of('dataset'), units: of('unit') };
}

/** Whether `grant` may write `unit` (a municipality's scope covers its districts, `0180-…`). */
export function coversUnit(grant: Grant, unit: string): boolean {
  return grant.units.length === 0 || grant.units.some((u) => u === unit || unit.startsWith(`${u}-`));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

const KEY_COLUMNS = 'id, name, scopes, created_at, expires_at, revoked_at, last_used_at, rate_limit';

/** Makes a key; returns the row and the token, which is shown once and not kept. */
export async function createKey(client: pg.ClientBase, options: { name: string; scopes: string[]; expiresAt?: Date | null; rateLimit?: number | null }): Promise<{ key: ApiKey; token: string }> {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const { rows } = await client.query(
    `INSERT INTO insyn_partner.api_key (id, name, secret_sha256, scopes, expires_at, rate_limit) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${KEY_COLUMNS}`,
    [id, options.name, sha256(secret).toString('hex'), options.scopes, options.expiresAt ?? null, options.rateLimit ?? null],
  );
  return { key: keyOf(rows[0]), token: `insyn_${id}_${secret}` };
}

export async function listKeys(client: pg.ClientBase): Promise<ApiKey[]> {
  const { rows } = await client.query(`SELECT ${KEY_COLUMNS} FROM insyn_partner.api_key ORDER BY created_at, id`);
  return rows.map(keyOf);
}

/** Revokes a key at once; false when there is no such key. */
export async function revokeKey(client: pg.ClientBase, id: string): Promise<boolean> {
  const { rowCount } = await client.query('UPDATE insyn_partner.api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

const TOKEN = /^insyn_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** The key id and secret in an `Authorization: Bearer insyn_<id>_<secret>` header, or null. */
export function parseAuthorization(authorization: string | null | undefined): { id: string; secret: string } | null {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  const token = match ? TOKEN.exec(match[1]!) : null;
  return token ? { id: token[1]!, secret: token[2]! } : null;
}

/**
 * Whether `secret` is the one whose SHA-256 (hex) is `storedSha256`, in constant time, and
 * as long when there is no stored one (an unknown id), so timing tells nothing about ids.
 */
export function secretMatches(storedSha256: string | undefined, secret: string): boolean {
  const stored = Buffer.from(storedSha256 ?? '0'.repeat(64), 'hex');
  return timingSafeEqual(stored, sha256(secret)) && storedSha256 !== undefined;
}

const unauthenticated = (why: string) =>
  new InsynError('UNAUTHENTICATED', `${why} Writes need an API key: send it as \`Authorization: Bearer insyn_…\` (docs/partners.md says how to get one). Reads need none.`, { http: { status: 401 } });

/**
 * The grant of the key in an `Authorization` header, or UNAUTHENTICATED saying why not (no
 * key, not a key, unknown, wrong secret, revoked, expired).
 */
export async function authenticate(db: { query: pg.Pool['query'] }, authorization: string | null | undefined, now = new Date()): Promise<Grant> {
  if (!authorization) throw unauthenticated('This request has no API key.');
  const token = parseAuthorization(authorization);
  if (!token) throw unauthenticated('The Authorization header holds no Insyn API key (expected `Bearer insyn_<id>_<secret>`).');
  const { rows } = await db.query(`SELECT ${KEY_COLUMNS}, secret_sha256 FROM insyn_partner.api_key WHERE id = $1`, [token.id]);
  const row = rows[0] as ({ secret_sha256: string } & Record<string, unknown>) | undefined;
  if (!secretMatches(row?.secret_sha256, token.secret) || !row) throw unauthenticated('This API key is not valid.');
  const key = keyOf(row);
  if (key.revokedAt) throw unauthenticated(`This API key (${key.id}, "${key.name}") was revoked on ${key.revokedAt.toISOString()}.`);
  if (key.expiresAt && key.expiresAt <= now) throw unauthenticated(`This API key (${key.id}, "${key.name}") expired on ${key.expiresAt.toISOString()}.`);
  // Not awaited by the write: when a key was last used is for its owner, not for the answer.
  db.query('UPDATE insyn_partner.api_key SET last_used_at = now() WHERE id = $1', [key.id]).catch(() => {});
  return grantOf(key);
}

function keyOf(row: Record<string, unknown>): ApiKey {
  return {
    id: row.id as string,
    name: row.name as string,
    scopes: row.scopes as string[],
    createdAt: row.created_at as Date,
    expiresAt: (row.expires_at as Date | null) ?? null,
    revokedAt: (row.revoked_at as Date | null) ?? null,
    lastUsedAt: (row.last_used_at as Date | null) ?? null,
    rateLimit: (row.rate_limit as number | null) ?? null,
  };
}
