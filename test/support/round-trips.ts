import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a PostgreSQL server that counts round trips: each time a client sends after the server has
 * answered (or first), one more. Several messages written at once (a pipeline) are one; a query that waits for the
 * answer to the one before it is another.
 */
export async function roundTripCounter(serverUrl: string): Promise<{ url: string; count(): number; reset(): void; close(): Promise<void> }> {
  const target = new URL(serverUrl);
  let trips = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    let clientSpokeLast = false;
    const upstream = connect({ host: target.hostname, port: Number(target.port) || 5432 });
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => {
      if (!clientSpokeLast) trips++;
      clientSpokeLast = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      clientSpokeLast = false;
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    count: () => trips,
    reset: () => (trips = 0),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
