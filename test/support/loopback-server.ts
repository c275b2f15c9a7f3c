import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** An HTTP server on 127.0.0.1 (a free port) that a fake AWS endpoint runs on. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: what AWS_ENDPOINT_URL* point at. */
  readonly endpoint: string;
  /** Closes every open connection (a silent fake keeps them waiting), then the server. */
  close(): Promise<void>;
}

/** Starts `handle` on a loopback port; it gets each request with its whole body read. */
export async function startLoopbackServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<LoopbackServer> {
  const sockets: Socket[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
