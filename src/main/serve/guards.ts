/**
 * DNS-rebinding and cross-site defences: the Host header must name the address the host
 * listens on, and an Origin header, when present, must be the host's own origin.
 */
import { hostname, networkInterfaces } from 'node:os';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The Host header values accepted for a host listening on `address`:`port`. */
export function allowedHosts(address: string, port: number): Set<string> {
  const names = new Set<string>();
  if (address === '127.0.0.1' || address === 'localhost' || address === '::1') {
    names.add('127.0.0.1').add('localhost');
    if (address === '::1') names.add('::1');
  } else if (WILDCARDS.has(address)) {
    // Bound everywhere: any local interface address or the machine's name, nothing else.
    names.add('localhost').add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) names.add(info.address.toLowerCase().replace(/%.*$/, ''));
    }
  } else {
    names.add(address.toLowerCase());
  }
  return new Set([...names].map((n) => hostPort(n, port)));
}

export function isAllowedHost(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  return typeof header === 'string' && allowed.has(header.toLowerCase());
}

/** No Origin (same-origin navigations, curl) is fine; a foreign one, or "null", is not. */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  const lower = origin.toLowerCase();
  if (!lower.startsWith('http://')) return false;
  return allowed.has(lower.slice('http://'.length));
}
