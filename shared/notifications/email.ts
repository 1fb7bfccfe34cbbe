export interface OutgoingEmail {
  /** Stable per notification, so a retried delivery overwrites rather than duplicates where the channel allows. */
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Shown to the reader as where to act, e.g. a path in the web app. */
  link?: string | null | undefined;
}

/** Where notification e-mail goes: Amazon SES v2 in AWS, `.eml` files under the data directory locally. */
export interface EmailChannel {
  readonly name: string;
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
