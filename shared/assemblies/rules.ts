import type { Role } from '../auth/principal.js';
import { committeeEditors, committeeSizeProposers } from '../committees/rules.js';

/** Value lists stored in the database (db/schema imports them from here). */

/** 社区居民会议 or 社区成员代表会议 (§二(三)): the community's deliberative body. */
export const assemblyKinds = ['residents_meeting', 'member_representatives_meeting'] as const;
export type AssemblyKind = (typeof assemblyKinds)[number];
export const assemblyKindLabels: Record<AssemblyKind, string> = { residents_meeting: '社区居民会议', member_representatives_meeting: '社区成员代表会议' };

/** What a representative stands for: a household group (居民小组), a building (楼栋) or a unit in the community (驻区单位). */
export const constituencyKinds = ['household_group', 'building', 'unit'] as const;
export type ConstituencyKind = (typeof constituencyKinds)[number];
export const constituencyKindLabels: Record<ConstituencyKind, string> = { household_group: '居民小组', building: '楼栋', unit: '驻区单位' };

export const meetingKinds = ['regular', 'work_report', 'extraordinary'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const meetingKindLabels: Record<MeetingKind, string> = { regular: '例会', work_report: '述职评议会', extraordinary: '临时会议' };

/** 评议: the meeting's evaluation of each committee member after the committee's 述职. */
export const ratings = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof ratings)[number];
export const ratingLabels: Record<Rating, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

/** Keep the register, record meetings and their decisions: the street, district and city over their units, the committee over its community. */
export const assemblyEditors: readonly Role[] = committeeEditors;
/**
 * Record the committee's 述职 and the meeting's 评议 of its members: the street, district and city, not the committee
 * itself (议行分设: the body evaluated does not enter its own evaluation).
 */
export const evaluationRecorders: readonly Role[] = committeeSizeProposers;

/** A representative is in force on a day from their first day until (not including) the day their mandate ends. */
export const inForceOn = (r: { fromOn: string; endedOn: string | null }, day: string) => r.fromOn <= day && (r.endedOn === null || r.endedOn > day);

/** 过半数: strictly more than half of `of`. */
export const moreThanHalf = (count: number, of: number) => count * 2 > of;

/** A meeting is quorate when more than half of the representatives in force on its day are present. */
export const isQuorate = (present: number, inForce: number) => inForce > 0 && moreThanHalf(present, inForce);

/** A decision is adopted when its meeting is quorate and more than half of the representatives present vote for it. */
export const isAdopted = (meeting: { quorate: boolean; present: number }, votesFor: number) => meeting.quorate && moreThanHalf(votesFor, meeting.present);
