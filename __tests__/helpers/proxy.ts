/**
 * A loopback reverse proxy in front of the test registry: it records every request (method,
 * path, bytes of the body) and can inject faults, so tests can count what a run sent and see
 * what a flaky network does to it. The Host header passes through, so the registry's upload
 * locations point back at the proxy.
 */
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Bytes of the request body. */
  readonly sent: number;
}

export type Fault =
  /** Answer with this status without asking the registry (e.g. 500, 503, 429). */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Destroy the client's connection before answering. */
  | { readonly kind: 'reset' }
  /** Forward, then cut the response body short and destroy the connection. */
  | { readonly kind: 'truncate' };

export interface RecordingProxy {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  readonly requests: Recorded[];
  /** Decides, per request, whether to inject a fault; undefined forwards it. */
  fault: ((method: string, path: string) => Fault | undefined) | undefined;
  /** Blob bytes uploaded (bodies of PATCH, PUT and POST to blob upload URLs). */
  blobBytes(): number;
  reset(): void;
  close(): Promise<void>;
}

const isBlobUpload = (r: Recorded) =>
  r.path.includes('/blobs/uploads') && ['PATCH', 'PUT', 'POST'].includes(r.method);

export async function startProxy(upstream: string): Promise<RecordingProxy> {
  const [upHost, upPort] = upstream.split(':') as [string, string];
  const sockets = new Set<Socket>();
  const proxy: RecordingProxy = {
    host: '',
    requests: [],
    fault: undefined,
    blobBytes: () => proxy.requests.filter(isBlobUpload).reduce((n, r) => n + r.sent, 0),
    reset() {
      proxy.requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const record = (status: number) =>
        proxy.requests.push({ method, path, status, sent: body.length });
      const fault = proxy.fault?.(method, path);
      if (fault?.kind === 'reset') {
        record(0);
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') {
        record(fault.status);
        res.writeHead(fault.status, {
          'content-type': 'application/json',
          ...(fault.retryAfter !== undefined && { 'retry-after': fault.retryAfter }),
        });
        res.end(JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected fault' }] }));
        return;
      }
      const up = request(
        { host: upHost, port: Number(upPort), method, path, headers: req.headers },
        (upRes) => {
          record(upRes.statusCode ?? 0);
          if (fault?.kind === 'truncate') {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            let first = true;
            upRes.on('data', (c: Buffer) => {
              if (first) res.write(c.subarray(0, Math.max(1, Math.floor(c.length / 2))));
              first = false;
              res.socket?.destroy();
            });
            upRes.on('end', () => res.socket?.destroy());
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', () => {
        record(502);
        res.socket?.destroy();
      });
      up.end(body);
    });
  };

  const server = createServer(handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  (proxy as { host: string }).host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
