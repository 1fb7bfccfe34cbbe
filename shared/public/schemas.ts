import { z } from '@hono/zod-openapi';
import { committeePositions, committeeSystems } from '../committees/rules.js';
import { communityTypes } from '../communities/rules.js';
import { resolutionStatuses } from '../conferences/rules.js';
import { electionModes } from '../elections/rules.js';
import { cityCode, communityCode } from '../patterns.js';
import { facilityKinds } from '../services/rules.js';

export const publicPageParams = z.object({
  cityCode: cityCode.openapi({ param: { name: 'cityCode', in: 'path' }, example: '4401' }),
  communityCode: communityCode.openapi({ param: { name: 'communityCode', in: 'path' }, example: '440103001001' }),
});
export type PublicPageInput = z.infer<typeof publicPageParams>;

const positioned = { position: z.enum(committeePositions), positionLabel: z.string().openapi({ example: '主任' }) };

/**
 * 居务公开: what a city lets anyone read about one of its communities. Names and positions of people, never a phone,
 * an ID number or any other personal field; every key here is on the allow list of test/integration/public-pages.test.ts.
 */
export const publicCommunityPage = z
  .object({
    city: z.object({ code: z.string(), name: z.string() }),
    community: z.object({
      code: z.string(),
      name: z.string(),
      streetName: z.string().nullable(),
      type: z.enum(communityTypes).nullable(),
      typeLabel: z.string().nullable().openapi({ example: '地缘型' }),
    }),
    committee: z.object({
      name: z.string().nullable().openapi({ example: '沙面社区居民委员会' }),
      officeAddress: z.string().nullable(),
      serviceHotline: z.string().nullable().openapi({ description: '社区服务热线: the office line, not a person’s phone', example: '020-81230000' }),
    }),
    members: z.array(z.object({ name: z.string(), ...positioned })).openapi({ description: 'members serving today: name and position only' }),
    systems: z.array(z.object({ system: z.enum(committeeSystems), label: z.string(), adopted: z.boolean(), adoptedOn: z.string().nullable() })),
    election: z
      .object({
        electionDate: z.string(),
        mode: z.enum(electionModes),
        modeLabel: z.string(),
        certifiedOn: z.string(),
        rounds: z.array(
          z.object({
            round: z.number().int(),
            heldOn: z.string(),
            registeredVoters: z.number().int(),
            ballotsIssued: z.number().int(),
            ballotsReturned: z.number().int(),
            validBallots: z.number().int(),
            invalidBallots: z.number().int(),
            elected: z.array(z.object({ name: z.string(), ...positioned, votes: z.number().int() })),
          }),
        ),
      })
      .nullable()
      .openapi({ description: '选举结果公告 of the latest certified election: the counts announced on the spot, never who voted for whom' }),
    conferences: z.object({
      upcoming: z.array(z.object({ title: z.string(), convenerName: z.string().nullable(), startsAtLocal: z.string(), endsAtLocal: z.string(), venue: z.string() })),
      resolutions: z.array(
        z.object({ title: z.string(), ownerName: z.string().nullable(), dueDate: z.string(), status: z.enum(resolutionStatuses), overdue: z.boolean(), statusLabel: z.string() }),
      ),
    }),
    facilities: z.array(z.object({ name: z.string(), kind: z.enum(facilityKinds), kindLabel: z.string(), address: z.string().nullable(), openingHours: z.string().nullable() })),
    decisions: z
      .array(z.object({ heldOn: z.string(), matter: z.string(), votesFor: z.number().int(), votesAgainst: z.number().int(), abstentions: z.number().int() }))
      .openapi({ description: '民主决策: the adopted decisions of the residents’ (representatives’) meeting marked public, newest first, with their votes' }),
  })
  .openapi('PublicCommunityPage');
export type PublicCommunityPage = z.infer<typeof publicCommunityPage>;

export const publicationInput = z.object({ publishable: z.boolean() }).strict().openapi('CommunityPublication');
