import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { claimsSchema } from '../../shared/auth/principal.js';

/** User attributes an administrator sets; users cannot write them (the app client's write attributes exclude them). */
export const claimAttributes = { tenant: 'custom:tenant', scope: 'custom:scope', role: 'custom:role', unit: 'custom:unit' } as const;

/**
 * Cognito pre-token-generation trigger: copies the administrator-set attributes into the top-level claims the API
 * verifies (tenant | scope, role, unit). A user whose attributes do not make a valid principal gets no token.
 */
export const handler = async (event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> => {
  const attributes = event.request.userAttributes;
  const candidate = Object.fromEntries(
    Object.entries({ sub: 'sub', ...claimAttributes })
      .map(([claim, attribute]) => [claim, attributes[attribute] || undefined])
      .filter(([, value]) => value !== undefined),
  );
  const claims = claimsSchema.safeParse(candidate);
  if (!claims.success) {
    throw new Error(`user ${attributes.sub ?? event.userName} has no valid tenant, scope, role and unit: ${claims.error.issues.map((i) => i.message).join('; ')}`);
  }
  const { sub: _sub, ...added } = claims.data;
  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride: Object.fromEntries(Object.entries(added).filter(([, v]) => v !== undefined)) as Record<string, string>,
      claimsToSuppress: Object.values(claimAttributes),
    },
  };
  return event;
};
