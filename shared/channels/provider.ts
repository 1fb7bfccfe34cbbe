/** A provider's refusal or a transport failure: its code is safe to log and record, it never carries an address. */
export class ProviderError extends Error {
  constructor(
    readonly channel: 'wecom' | 'sms',
    /** The provider's code (errcode, Code) or the transport's: safe to log, never an address. */
    readonly code: string,
    readonly kind: 'refused' | 'unreachable' | 'rate_limited',
  ) {
    super(`${channel} ${kind}: ${code}`);
  }
}
