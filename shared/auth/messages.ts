import { defineMessages } from '../i18n.js';

/** What the auth module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  token_unit_not_in_force: { zh: '单位 {unit} 不是 {tenant} 市现行区划', en: 'unit {unit} is not a division of {tenant} in force' },
  token_tenant_or_province: { zh: '令牌须且只能带有城市（tenant）或省级范围（scope "province"）之一', en: 'a token carries either tenant or scope "province", not both or neither' },
  role_not_province: { zh: '角色 {role} 不是省级角色', en: 'role {role} is not a province role' },
  role_not_city: { zh: '角色 {role} 不是市级角色', en: 'role {role} is not a city role' },
  unit_not_at_role_level: { zh: '单位 {unit} 不在角色 {role} 所在的层级', en: 'unit {unit} is not a unit of the level role {role} works at' },
  unit_outside_tenant: { zh: '单位不在本市范围内', en: 'unit lies outside the tenant' },
  city_scope_only: { zh: '此操作仅限地级市用户', en: 'this operation belongs to a city tenant' },
  role_may_not: { zh: '角色 {role} 无权执行此操作', en: 'role {role} may not do this' },
  province_scope_only: { zh: '此操作仅限省级用户', en: 'this operation belongs to the province' },
  token_claim_missing: { zh: '令牌缺少必需的声明', en: 'the token lacks a required claim' },
  session_signed_out: { zh: '该登录已注销，请重新登录', en: 'this sign-in was ended; sign in again' },
  token_expired: { zh: '令牌已过期', en: 'the token has expired' },
  token_unverifiable: { zh: '令牌无法验证', en: 'the token could not be verified' },
});
