/**
 * The training module's texts a person reads, keyed by a stable code, each in Simplified Chinese and English, with
 * `{param}` placeholders. Self-contained (the per-module catalogue shape of #19 §1).
 */
import type { Catalogue } from '../message-text.js';

export const trainingMessages = {
  'training.rule.compliance': {
    zh: '统计截至{cutOff}：应培训成员指当日在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计）；按期完成指在到期日（当选满一年）前完成；按期培训率 = 按期完成 ÷ 应培训成员。',
    en: 'As of {cutOff}: members to train are the residents’ committee members in office that day who must be trained within a year of their election (including those not yet due; members who left are not counted); on time means completed before the due date (a year after the election); on-time rate = on time ÷ members to train.',
  },
  'training.rule.members': {
    zh: '截至{cutOff}在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计）',
    en: 'Residents’ committee members in office on {cutOff} who must be trained within a year of their election (including those not yet due; members who left are not counted)',
  },
  'training.rule.on_time': {
    zh: '上述成员中，截至{cutOff}已在到期日（当选满一年）前完成轮训的人数',
    en: 'Of those members, the ones who by {cutOff} had completed training before their due date (a year after the election)',
  },
  'training.rule.rate': {
    zh: '按时轮训率 = 按期完成轮训人数 ÷ 应参加轮训人数 × 100%，统计截至{cutOff}（与培训页面“统计截至{cutOff}”的按期培训率一致）',
    en: 'On-time training rate = members trained on time ÷ members to train × 100, as of {cutOff} (the same figure as the training page’s on-time rate as of {cutOff})',
  },
  'training.as_of_in_future': { zh: '统计截止日期不能晚于今天（{today}）', en: 'the cut-off date cannot be after today ({today})' },
} as const satisfies Catalogue;
