import { defineMessages } from '../i18n.js';

/** What the personal-data module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  encryption_not_configured: { zh: '本部署未配置个人信息加密', en: 'personal-data encryption is not configured on this deployment' },
  data_key_unusable: { zh: '个人信息密钥暂时无法使用，请稍后再试', en: 'the personal-data key could not be used; try again later' },
  sealed_value_without_key: { zh: '存在加密数据，但本市没有数据密钥', en: 'a sealed value exists but the tenant has no data key' },
  role_may_not_see_personal_data: { zh: '角色 {role} 无权查看完整的个人信息', en: 'role {role} may not see personal data in full' },
});
