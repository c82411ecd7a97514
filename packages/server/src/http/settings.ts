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
}

const off = (value: string | undefined) => ['off', 'false', '0', 'no'].includes((value ?? '').toLowerCase());

export function serverSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  return {
    publicUrl: env.PUBLIC_URL ? normaliseOrigin(env.PUBLIC_URL) : null,
    defaultUrl: `http://localhost:${env.PORT ?? 4000}`,
    trustedProxies: (env.INSYN_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    graphiql: !off(env.INSYN_GRAPHIQL),
    introspection: !off(env.INSYN_INTROSPECTION),
  };
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
