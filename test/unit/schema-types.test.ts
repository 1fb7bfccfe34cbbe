import { describe, expectTypeOf, it } from 'vitest';
import type { auditLog, committeeTerms, elections, electionResults, inspectionChecklists, reportSnapshots, reportTemplates, reports, spotChecks } from '../../db/schema/index.js';
import type { SeatPlan } from '../../shared/committees/rules.js';
import type { CandidateVotes, RoundTally } from '../../shared/elections/rules.js';
import type { ChecklistItem, FrameUnit, SampleSizes } from '../../shared/reform/rules.js';
import type { Attachment, DistrictFigures, Figure, Indicator, ValidationRule } from '../../shared/reporting/schemas.js';

// Checked by `npm run typecheck`: a jsonb column without its $type<...>() reads as unknown and these no longer compile.
describe('jsonb columns read as the types the code stores in them', () => {
  it('elections and committees', () => {
    expectTypeOf<(typeof elections.$inferSelect)['seats']>().toEqualTypeOf<SeatPlan>();
    expectTypeOf<(typeof committeeTerms.$inferSelect)['seats']>().toEqualTypeOf<SeatPlan>();
    expectTypeOf<(typeof electionResults.$inferSelect)['tally']>().toEqualTypeOf<RoundTally>();
    expectTypeOf<(typeof electionResults.$inferSelect)['votes']>().toEqualTypeOf<CandidateVotes[]>();
  });

  it('reporting', () => {
    expectTypeOf<(typeof reportTemplates.$inferSelect)['indicators']>().toEqualTypeOf<Indicator[]>();
    expectTypeOf<(typeof reportTemplates.$inferSelect)['rules']>().toEqualTypeOf<ValidationRule[]>();
    expectTypeOf<(typeof reports.$inferSelect)['figures']>().toEqualTypeOf<Record<string, Figure>>();
    expectTypeOf<(typeof reportSnapshots.$inferSelect)['districtFigures']>().toEqualTypeOf<DistrictFigures>();
    expectTypeOf<(typeof reportSnapshots.$inferSelect)['attachments']>().toEqualTypeOf<Attachment[]>();
  });

  it('reform', () => {
    expectTypeOf<(typeof inspectionChecklists.$inferSelect)['items']>().toEqualTypeOf<ChecklistItem[]>();
    expectTypeOf<(typeof spotChecks.$inferSelect)['sizes']>().toEqualTypeOf<SampleSizes>();
    expectTypeOf<(typeof spotChecks.$inferSelect)['frame']>().toEqualTypeOf<FrameUnit[]>();
  });

  it('arbitrary JSON stays an honest record', () => {
    expectTypeOf<(typeof auditLog.$inferSelect)['detail']>().toEqualTypeOf<Record<string, unknown> | null>();
  });
});
