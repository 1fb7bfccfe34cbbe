import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmailChannel, OutgoingEmail } from './email.js';

export const emailText = (email: OutgoingEmail) => (email.link ? `${email.text}\n\n办理入口 Link: ${email.link}\n` : `${email.text}\n`);

const encodeHeader = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`);

/** RFC 5322 with a base64 UTF-8 body, so any mail client opens the Chinese text as written. */
export function renderEml(email: OutgoingEmail, from: string, at: Date): string {
  const body = Buffer.from(emailText(email), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${from}`,
    `To: ${email.to}`,
    `Subject: ${encodeHeader(email.subject)}`,
    `Date: ${at.toUTCString()}`,
    `Message-ID: <${email.id}@shequ.local>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Local delivery: one `.eml` file per notification under `<dataDir>/mail/`; a retry rewrites the same file. */
export function createEmlChannel(dataDir: string, from = 'noreply@shequ.local', now: () => Date = () => new Date()): EmailChannel & { dir: string } {
  const dir = join(dataDir, 'mail');
  return {
    name: 'eml',
    dir,
    async send(email) {
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${email.id}.eml`);
      await writeFile(`${file}.tmp`, renderEml(email, from, now()), 'utf8');
      await rename(`${file}.tmp`, file);
      return { messageId: file };
    },
  };
}
