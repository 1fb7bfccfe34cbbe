import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailChannel } from './email.js';
import { emailText } from './eml.js';

/** Amazon SES v2: the sending identity (MAIL_FROM) must be verified in the account and region. */
export function createSesChannel(client: SESv2Client, from: string): EmailChannel {
  return {
    name: 'ses',
    async send(email) {
      const response = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [email.to] },
          Content: { Simple: { Subject: { Data: email.subject, Charset: 'UTF-8' }, Body: { Text: { Data: emailText(email), Charset: 'UTF-8' } } } },
          EmailTags: [{ Name: 'notification', Value: email.id }],
        }),
      );
      return { messageId: response.MessageId ?? email.id };
    },
  };
}
