import { createMiddleware } from 'hono/factory';

/**
 * Host names the local stack answers to: localhost, 127.0.0.0/8 and [::1], with any port. A page on another site whose
 * name an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused here before it can
 * reach the development sign-in.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!match) return false;
  const name = match[1]!.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return !!octets && octets.slice(1).every((o) => Number(o) <= 255);
}

/** The local stack's request guard: any Host but a loopback one is answered 421 with a short Chinese problem. */
export const loopbackHostOnly = () =>
  createMiddleware(async (c, next) => {
    if (isLoopbackHost(c.req.header('host'))) return next();
    return c.body(
      JSON.stringify({
        type: 'urn:shequ:problem:host_not_allowed',
        title: '主机名不被接受',
        status: 421,
        code: 'host_not_allowed',
        detail: '本地开发环境只接受通过 localhost、127.0.0.1 或 [::1] 访问。',
      }),
      421,
      { 'content-type': 'application/problem+json; charset=utf-8' },
    );
  });
