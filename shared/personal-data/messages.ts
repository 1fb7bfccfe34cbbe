import { defineMessages } from '../i18n.js';

/** What the personal-data module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  encryption_not_configured: { zh: '本部署未配置个人信息加密', en: 'personal-data encryption is not configured on this deployment' },
  data_key_unusable: { zh: '个人信息密钥暂时无法使用，请稍后再试', en: 'the personal-data key could not be used; try again later' },
  sealed_value_without_key: { zh: '存在加密数据，但本市没有数据密钥', en: 'a sealed value exists but the tenant has no data key' },
  role_may_not_see_personal_data: { zh: '角色 {role} 无权查看完整的个人信息', en: 'role {role} may not see personal data in full' },
  id_number_format: { zh: '身份证号码为 17 位数字加 1 位校验码（0-9 或 X）', en: 'an ID number has 17 digits and a check character (0-9 or X)' },
  id_number_region: { zh: '身份证号码应以省级行政区划代码开头', en: 'an ID number starts with a province-level region code' },
  id_number_birth_date: { zh: '身份证号码中的出生日期不是真实日期', en: 'the birth date in the ID number is not a real date' },
  id_number_check_character: { zh: '校验码不符（GB 11643）', en: 'the check character does not match (GB 11643)' },
  phone_format: {
    zh: '手机号为 11 位（13x–19x），座机须带区号，例如 020-12345678',
    en: 'a mobile number of 11 digits (13x–19x) or a landline with area code, e.g. 020-12345678',
  },
});
