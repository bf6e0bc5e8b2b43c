// Loopback-only listening: every server of the harness binds 127.0.0.1 and, by default, a free port.
import type { Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';

export const LOOPBACK_HOST = '127.0.0.1';

// The one loopback rule (the harness sends nothing off this machine): 127.0.0.0/8 and ::1, by
// literal (as a URL host, a socket address or an IPv4-mapped IPv6 address) or as "localhost".

/** A literal address, as sockets and DNS answers give it (`::ffff:127.0.0.1` included). */
export function isLoopbackAddress(address: string): boolean {
  const lower = address.toLowerCase();
  // IPv4-mapped, as sockets write it (::ffff:127.0.0.1) and as URL normalises it (::ffff:7f00:1).
  const mappedHex = /^(?:0{0,4}:){0,5}ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(lower);
  if (mappedHex?.[1] !== undefined) return isIP(lower) === 6 && Number.parseInt(mappedHex[1], 16) >> 8 === 127;
  const plain = lower.replace(/^(?:0{0,4}:){0,5}ffff:/, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return isIP(plain) === 6 && /^(?:0{0,4}:){2,7}0{0,3}1$/.test(plain);
}

/**
 * A URL's host name: `localhost`, or a loopback literal. `URL` has already normalised odd IPv4 spellings (0x7f.1 → 127.0.0.1) and bracketed
 * IPv6.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || isLoopbackAddress(host);
}

/** An http(s) URL on this machine: where the harness's browsers and HTTP clients may go. */
export function isLoopbackHttpUrl(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}

export class PortInUseError extends Error {
  readonly code = 'PORT_IN_USE';
  readonly port: number;
  constructor(port: number, what: string) {
    super(
      `${what} cannot listen on ${LOOPBACK_HOST}:${port}: the port is already in use. Stop the other process, pick another --port, or pass --port 0 for a free one.`,
    );
    this.port = port;
  }
}

/** Listen on loopback; resolve with the bound URL (no trailing slash). Port 0 picks a free port. */
export function listenOnLoopback(server: Server, port: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what) : error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      const { port: bound } = server.address() as AddressInfo;
      resolve(`http://${LOOPBACK_HOST}:${bound}`);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, LOOPBACK_HOST);
  });
}

/** Close a server and every idle keep-alive connection, resolving when it is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
