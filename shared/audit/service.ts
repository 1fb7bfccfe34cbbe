import type { Tx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { newId } from '../ids.js';
import type { ServiceContext } from '../context.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  detail?: Record<string, unknown>;
  /** The tenant the row belongs to; defaults to the caller's. Province-level actions have none. */
  tenantId?: string | null;
}

/** Appends to the audit log inside the caller's transaction, so the record and the write commit or fail together. */
export async function recordAudit(tx: Tx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const p = ctx.principal;
  const tenantId = entry.tenantId !== undefined ? entry.tenantId : p.kind === 'province' ? null : (p.tenant ?? null);
  const at = ctx.clock.now();
  await tx.insert(auditLog).values({
    id: newId(at.getTime()),
    tenantId,
    actor: p.subject,
    actorRole: p.role,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    requestId: ctx.requestId,
    detail: entry.detail ?? null,
    at,
  });
}
