import { defineMessages } from '../i18n.js';

/** What the elections module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  election_not_found: { zh: '未找到选举 {id}', en: 'election {id} not found' },
  candidates_fewer_than_seats: { zh: '{position}：{seats} 个职位，候选人数不得少于应选名额', en: '{position}: {seats} seat(s) need at least as many candidates' },
  position_not_filled_this_round: { zh: '本轮没有要选的{position}职位', en: 'no {position} seat is filled in this round' },
  candidates_do_not_fit_seats: { zh: '候选人与职位设置不相符', en: 'the candidates do not fit the seats' },
  seats_do_not_make_committee: { zh: '职数设置不符合规定（5 至 9 人，含主任 1 名）', en: 'the seats do not make a committee' },
  election_certified_plan_new: { zh: '该选举结果已认证，请另行计划新的选举', en: 'the election is certified; a new election is planned instead' },
  round_filled_every_seat: { zh: '已选满全部职位', en: 'filled every seat' },
  round_not_counted_yet: { zh: '尚无计票结果', en: 'has no counted result yet' },
  nothing_for_further_round: { zh: '第 {roundNumber} 轮{state}，无须另行选举', en: 'round {roundNumber} {state}: there is nothing for a further round to fill' },
  further_round_after_previous: { zh: '另行选举须在上一轮之后举行', en: 'a further round comes after the round before it' },
  not_a_candidate: { zh: '不是本次选举的候选人', en: 'not a candidate of this election' },
  unknown_candidate: { zh: '无此候选人', en: 'unknown candidate' },
  already_elected: { zh: '已当选', en: 'already elected' },
  elected_in_earlier_round: { zh: '该候选人已在前一轮当选', en: 'this candidate was elected in an earlier round' },
  certified_correction_new_version: { zh: '选举结果已认证：更正须作为新版本并说明理由', en: 'the election is certified: a correction is a new version with a reason' },
  election_round_count: { zh: '该选举共有 {length} 轮', en: 'the election has {length} round(s)' },
  no_such_round: { zh: '没有这一轮', en: 'no such round' },
  round_superseded: {
    zh: '第 {roundNumber} 轮之后已另行选举；认证前只计最后一轮',
    en: 'round {roundNumber} was followed by a further round; only the latest round is counted before certification',
  },
  ballots_do_not_add_up: { zh: '选票统计表数字对不上', en: 'the result sheet does not add up' },
  round_not_counted: { zh: '第 {roundNumber} 轮尚无计票结果', en: 'round {roundNumber} has no counted result yet' },
  seats_unfilled: {
    zh: '尚有职位空缺：请另行选举，或在班子已健全时选择“带空缺认证”（closeWithUnfilledSeats）',
    en: 'seats remain unfilled: hold a further round (另行选举), or certify with closeWithUnfilledSeats if the committee is complete without them',
  },
  elected_not_a_committee: { zh: '当选人员不能组成居委会班子：{problems}', en: 'the elected would not make a committee: {problems}' },
  certified_correction_needs_reason: { zh: '选举结果已认证：更正须说明理由', en: 'the election is certified: a correction needs a reason' },
  nothing_to_correct: { zh: '自上次认证后未重新录入结果，没有可更正的内容', en: 'no result was recorded again since the last certification: there is nothing to correct' },
  correction_cannot_change_elected: {
    zh: '更正不能改变当选人：结果已当场公布，须重新选举',
    en: 'a correction cannot change who was elected: the result was announced on the spot; a new election is needed',
  },
  term_would_start_earlier: {
    zh: '本居委会现任届期始于 {startsOn}，本次选举不能开始更早的届期',
    en: 'the committee’s current term began on {startsOn}; this election cannot start an earlier one',
  },
  whole_number_up_to: { zh: '须为 0 至 {max} 的整数', en: 'a whole number from 0 to {max}' },
  at_least_one_voter: { zh: '登记选民至少 1 人', en: 'at least one registered voter' },
  more_ballots_than_voters: {
    zh: '发出选票（{ballotsIssued}）多于登记选民（{registeredVoters}）',
    en: 'more ballots issued ({ballotsIssued}) than registered voters ({registeredVoters})',
  },
  ballots_do_not_add_up_returned: {
    zh: '有效票（{validBallots}）与无效票（{invalidBallots}）之和须等于收回的 {ballotsReturned} 张',
    en: 'valid ({validBallots}) and invalid ({invalidBallots}) ballots must add up to the {ballotsReturned} returned',
  },
  not_candidate_of_round: { zh: '不是本轮的候选人', en: 'not a candidate of this round' },
  round_fills_no_position: { zh: '本轮不选{position}职位', en: 'this round fills no {position} seat' },
  candidate_counted_twice: { zh: '该候选人在统计表中已计过', en: 'this candidate is already counted on the sheet' },
  votes_over_valid_ballots: { zh: '每张有效票对一名候选人最多计一票（有效票 {validBallots} 张）', en: 'a candidate can be marked at most once per valid ballot ({validBallots})' },
  candidate_missing_from_sheet: { zh: '候选人 {id} 未列入统计表；无人投票请填 0', en: 'candidate {id} is missing from the sheet; count 0 if nobody voted for them' },
  position_votes_over_capacity: {
    zh: '{position}：共 {marks} 票，但 {validBallots} 张有效票最多只能投 {most} 票（每个职位一票）',
    en: '{position}: {marks} votes, but {validBallots} valid ballots carry at most {most} (one vote per seat)',
  },
  ballots_returned_over_issued: {
    zh: '收回选票（{ballotsReturned}）多于发出选票（{ballotsIssued}），统计表不可能成立，请核对',
    en: 'more ballots returned ({ballotsReturned}) than issued ({ballotsIssued}): the sheet cannot be true',
  },
  seats_differ_from_agreed_size: {
    zh: '本次选举职数 {seats} 名，与 {agreedOn} 议定的居委会职数 {size} 名不一致；如为补选等情形，请在“职数说明”中说明理由',
    en: 'the election fills {seats} seats but the committee’s agreed size ({agreedOn}) is {size}; state why in seatsReason (e.g. a by-election fills vacancies only)',
  },
});
