/**
 * A local HTTP server for protocol tests: it records every request it gets (method, path with
 * query, headers, body size) and hands it to the test's handler with the whole body read.
 */
import { createHash } from 'node:crypto';
import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  createServer,
} from 'node:http';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query as sent: `/v2/acme/app/blobs/uploads/1?_state=2`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyLength: number;
  /** The body when it is at most 64 KiB, else undefined. */
  readonly body: Buffer | undefined;
}

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  recorded: RecordedRequest,
) => void | Promise<void>;

export interface TestHttpServer {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startHttpServer(handler: Handler): Promise<TestHttpServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        bodyLength: body.length,
        body: body.length <= 64 * 1024 ? body : undefined,
      };
      requests.push(recorded);
      Promise.resolve(handler(req, res, body, recorded)).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`test server handler failed: ${String(e)}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
