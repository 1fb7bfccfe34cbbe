import { defineMessages } from '../i18n.js';

/** What the tenant-export module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  export_recipient_format: {
    zh: '接收方应为 age X25519 公钥：以 age1 开头，后接 58 个小写 bech32 字符，即 `age-keygen -y` 输出的那一行',
    en: 'an age X25519 recipient: "age1" and 58 lower-case bech32 characters, as `age-keygen -y` prints',
  },
  sha256_format: { zh: 'SHA-256 摘要应为 64 位小写十六进制字符', en: 'a SHA-256 digest of 64 lower-case hex characters' },
  table_name_format: { zh: '表名应由小写字母、数字和下划线组成', en: 'a table name in lower_snake_case' },
  export_recipient_invalid: { zh: '接收方不是有效的 age X25519 公钥', en: 'the recipient is not a valid age X25519 public key' },
  bech32_checksum: { zh: 'bech32 校验和不符：请完整复制 `age-keygen -y` 输出的那一行', en: 'the bech32 checksum does not match: copy the whole line `age-keygen -y` prints' },
  export_recipient_not_found: { zh: '未找到 {code} 市的导出接收方', en: 'an export recipient of tenant {code} not found' },
  export_key_not_registered: {
    zh: '{code} 市尚未登记导出密钥：须由市管理员通过 PUT /v1/tenants/{code}/export-recipient 登记 age 接收方',
    en: 'tenant {code} has not registered an export key: its city admin registers an age recipient with PUT /v1/tenants/{code}/export-recipient',
  },
  export_function_only: {
    zh: '数据导出由导出函数处理，本函数不能登记导出密钥或生成归档',
    en: 'tenant exports are served by the export function; this function cannot register export keys or build archives',
  },
  export_too_large_no_store: {
    zh: '{code} 市的归档为 {length} 字节，超过响应可携带的 {limit} 字节，且本部署未配置导出存储',
    en: 'the archive of tenant {code} is {length} bytes, more than the {limit} a response may carry, and this deployment has no export store',
  },
});
