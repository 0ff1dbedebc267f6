import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { csrfRefused, sameSecret, staffSession, CSRF_HEADER } from './auth';
import type { InboxContext } from './storage/types';

/**
 * CSRF by construction: every state-changing route (POST, PUT, PATCH, DELETE) requires the staff
 * session's anti-forgery token in `x-csrf-token`, checked in one `onRequest` hook before the body
 * is read. A route is exempt only by saying so in its options, with the reason:
 *
 *   app.post('/api/staff/login', { config: { csrf: 'none: no session yet' } }, …)
 *   app.post('/api/submissions', { config: { csrf: 'bearer: unit token, never sent by a browser on its own' } }, …)
 *
 * A new route that forgets the option is protected, not open; test/inbox/csrf.test.ts walks
 * the route table and proves every non-exempt route refuses a missing or foreign token.
 */

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The reason a route gives for taking no CSRF token; absent = the token is required. */
export type CsrfExemption = `none: ${string}` | `bearer: ${string}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Only to exempt a state-changing route from the CSRF check (see src/inbox/csrf.ts). */
    csrf?: CsrfExemption;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  /** The declared exemption, or null when the route requires the token. */
  exemption: CsrfExemption | null;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route the server registered, with its CSRF status (the test walks it). */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

function methodsOf(route: RouteOptions): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map((m) => String(m).toUpperCase());
}

export function needsCsrf(method: string, exemption: CsrfExemption | null | undefined): boolean {
  return STATE_CHANGING.has(method.toUpperCase()) && !exemption;
}

/** Installs the check; call before any route is registered. */
export function installCsrf(app: FastifyInstance, ctx: InboxContext): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const exemption = (route.config as { csrf?: CsrfExemption } | undefined)?.csrf ?? null;
    for (const method of methodsOf(route)) table.push({ method, url: route.url, exemption });
  });
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!needsCsrf(req.method, req.routeOptions.config?.csrf)) return;
    // No route matched (404): nothing to protect.
    if (!req.routeOptions.url) return;
    const { session } = await staffSession(req, ctx);
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrf_token)) throw csrfRefused();
  });
}
