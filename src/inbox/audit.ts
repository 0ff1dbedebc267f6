import type { FastifyRequest } from 'fastify';
import type { AuditAction, InboxContext, Role } from './storage/types';

export interface Actor {
  role: Role | 'system';
  /** unit_code, staff username, or 'cli'. */
  name: string;
}

/** Detail values allowed in the audit log: ids, counts, hashes, rule ids. Never a victim's name,
 *  ID number or file contents (docs/data-protection.md) — callers pass only such values. */
export type AuditDetail = Record<string, string | number | boolean | null>;

/**
 * Appends one audit event (who, what, when). An audit failure is logged, not thrown: the action
 * it records has already happened and its answer must still reach the client.
 */
export async function audit(
  ctx: InboxContext,
  req: FastifyRequest | null,
  actor: Actor,
  action: AuditAction,
  target: string | null,
  detail: AuditDetail = {},
): Promise<void> {
  try {
    await ctx.store.appendAudit({ actor_role: actor.role, actor: actor.name, action, target, ip: req?.ip ?? null, detail });
  } catch (error) {
    ctx.log.error({ action, target, err: (error as Error).message }, 'audit append failed');
  }
}
