import type { IncomingMessage } from 'node:http';

/** Deployment settings of the HTTP layer (docs/hardening.md, "Settings"). */
export interface ServerSettings {
  /** PUBLIC_URL: the origin links point at (`ObservationExport.url`), e.g. https://insyn.example. */
  publicUrl: string | null;
  /** Where links point when neither PUBLIC_URL nor a trusted proxy says: this machine (`http://localhost:<PORT>`). */
  defaultUrl: string;
  /** INSYN_TRUSTED_PROXIES: peer addresses whose X-Forwarded-Proto/-Host are believed (comma-separated). */
  trustedProxies: string[];
  /** INSYN_GRAPHIQL: GraphiQL at GET /graphql (on by default, also in production: researchers use it). */
  graphiql: boolean;
  /** INSYN_INTROSPECTION: `__schema`/`__type` (on by default; the schema is published anyway). */
  introspection: boolean;
  /** Requests per window and client address or key (http/rate-limit.ts); null: INSYN_RATE_LIMIT=off. */
  rateLimits: RateLimitSettings | null;
}

export interface RateLimitSettings {
  /** Requests per window from one client address without a key (INSYN_RATE_LIMIT). */
  anonymous: number;
  /** Requests per window of a key that carries no limit of its own (INSYN_RATE_LIMIT_KEY). */
  key: number;
  /** The window, in seconds (INSYN_RATE_LIMIT_WINDOW). */
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { anonymous: 600, key: 3_000, windowSeconds: 60 };

const off = (value: string | undefined) => ['off', 'false', '0', 'no'].includes((value ?? '').toLowerCase());

/** The settings a server runs with: those given, the environment's for the rest (the one place they are merged). */
export const serverSettings = (given: Partial<ServerSettings> = {}): ServerSettings => ({ ...serverSettingsFromEnv(), ...given });

export function serverSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  return {
    publicUrl: env.PUBLIC_URL ? normaliseOrigin(env.PUBLIC_URL) : null,
    defaultUrl: `http://localhost:${env.PORT ?? 4000}`,
    trustedProxies: (env.INSYN_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    graphiql: !off(env.INSYN_GRAPHIQL),
    introspection: !off(env.INSYN_INTROSPECTION),
    rateLimits: off(env.INSYN_RATE_LIMIT) ? null : {
      anonymous: positive('INSYN_RATE_LIMIT', env.INSYN_RATE_LIMIT, DEFAULT_RATE_LIMITS.anonymous),
      key: positive('INSYN_RATE_LIMIT_KEY', env.INSYN_RATE_LIMIT_KEY, DEFAULT_RATE_LIMITS.key),
      windowSeconds: positive('INSYN_RATE_LIMIT_WINDOW', env.INSYN_RATE_LIMIT_WINDOW, DEFAULT_RATE_LIMITS.windowSeconds),
    },
  };
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0 (or INSYN_RATE_LIMIT=off), not "${value}"`);
  return n;
}

/** `https://insyn.example/` → `https://insyn.example`; a path prefix is kept (`https://x.example/api`). */
export function normaliseOrigin(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`PUBLIC_URL must be an http(s) URL, not ${url}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

const FORWARDED_HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/;

/**
 * The base URL for links in answers: PUBLIC_URL when set; else, for a request that came
 * through a trusted proxy, its X-Forwarded-Proto and X-Forwarded-Host; else `defaultUrl`.
 * The Host header is never used: a forged one would put its name into the link.
 */
export function publicBaseUrl(settings: ServerSettings, request: Request, serverContext?: unknown): string {
  if (settings.publicUrl) return settings.publicUrl;
  const peer = (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket?.remoteAddress?.replace(/^::ffff:/, '');
  if (peer && settings.trustedProxies.includes(peer)) {
    const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    if ((proto === 'http' || proto === 'https') && host && FORWARDED_HOST.test(host)) return `${proto}://${host}`;
  }
  return settings.defaultUrl;
}

/**
 * The client's address for rate limits: the peer, or, when the peer is a trusted proxy, the
 * last address in X-Forwarded-For that is not one (what a client writes there itself comes
 * first and is not believed). IPv6 addresses count by their /64, which one client holds whole.
 */
export function clientAddress(settings: Pick<ServerSettings, 'trustedProxies'>, req: IncomingMessage): string {
  let address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
  if (settings.trustedProxies.includes(address)) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim().replace(/^::ffff:/, '')).filter(Boolean);
    while (forwarded.length && settings.trustedProxies.includes(address)) address = forwarded.pop()!;
  }
  return address.includes(':') ? ipv6Prefix(address) : address;
}

/** `2001:db8::1` → `2001:db8:0:0::/64`. */
function ipv6Prefix(address: string): string {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '').toLowerCase()).join(':')}::/64`;
}
