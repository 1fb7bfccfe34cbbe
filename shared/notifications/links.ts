/**
 * Where in the console a notification's `link` (an API or resource path) is acted on: the inbox's links and the links
 * in WeCom cards and text messages (shared/channels/delivery.ts) both go there.
 */
export function consoleLinkFor(link: string | null): string | null {
  if (!link) return null;
  const report = link.match(/^\/v1\/reports\/([0-9a-f-]{36})$/);
  if (report) return `/console/reports/${report[1]}`;
  if (link.startsWith('/v1/reports')) return '/console/reports';
  const submitted = link.match(/^\/v1\/province\/reports\/([0-9a-f-]{36})$/);
  if (submitted) return `/console/province/reports/${submitted[1]}`;
  if (link.startsWith('/v1/province/reports')) return `/console/province/reports${link.slice('/v1/province/reports'.length)}`;
  const training = link.match(/^\/training\/obligations\?parent=(\d{12})$/);
  if (training) return `/console/communities/${training[1]}`;
  if (link.startsWith('/training')) return '/console/training';
  const serviceUnit = link.match(/^\/v1\/service-units\/([0-9a-f-]{36})$/);
  if (serviceUnit) return `/console/services/units/${serviceUnit[1]}`;
  if (link.startsWith('/conferences/resolutions')) return '/console/conferences#resolutions';
  if (link.startsWith('/conferences')) return '/console/conferences';
  return null;
}
