import { defineMessages } from '../i18n.js';

/** What the tenancy module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  tenant_deactivated: { zh: '{tenant} 市租户已停用', en: 'tenant {tenant} is deactivated' },
  tenant_code_not_a_city: { zh: '代码须为本省（{provinceCode}）的地级市代码', en: 'code must be a prefecture-level city of province {provinceCode}' },
  tenant_code_range: { zh: '应为 {provinceCode}01 至 {provinceCode}99', en: 'expected {provinceCode}01–{provinceCode}99' },
  tenant_already_exists: { zh: '{code} 市租户已存在', en: 'tenant {code} already exists' },
  tenant_not_found: { zh: '未找到 {code} 市租户', en: 'tenant {code} not found' },
  tenant_still_active: { zh: '{code} 市租户仍在使用中，请先停用再注销', en: 'tenant {code} is active: deactivate it before offboarding' },
  tenant_not_onboarded: { zh: '{tenant} 市尚未开通', en: 'tenant {tenant} is not onboarded' },
});
