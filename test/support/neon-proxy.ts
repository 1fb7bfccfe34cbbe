import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { neonConfig } from '@neondatabase/serverless';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * Neon's serverless driver speaks the Postgres wire protocol inside a WebSocket. This is the smallest proxy that
 * does what Neon's does: each WebSocket is piped to a TCP connection to the address named in its URL.
 */
export async function startNeonProxy(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, request) => {
    const address = new URL(request.url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
    const [host, port] = address.split(':');
    const socket = connect({ host: host === 'localhost' ? '127.0.0.1' : host, port: Number(port) || 5432 });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => ws.readyState === WebSocket.OPEN && ws.send(chunk));
    socket.on('close', () => ws.close());
    socket.on('error', () => ws.close());
    ws.on('message', (data) => socket.write(data as Buffer));
    ws.on('close', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.wsProxy = (host, dbPort) => `127.0.0.1:${port}/v2?address=${host}:${dbPort}`;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
