import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConnection } from '../../testing/connection';
import { resolveKubeConnection } from './kubeconfig';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-kubeconfig-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const conn = (kubeconfig: string, context?: string) =>
  testConnection({ kind: 'kubernetes', url: 'https://placeholder.invalid', options: context ? { kubeconfig, context } : { kubeconfig } });

const config = (users: string, extra = ''): string => `apiVersion: v1
kind: Config
current-context: main
clusters:
- name: c
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority-data: ${b64('CA PEM')}
${extra}contexts:
- name: main
  context: {cluster: c, user: u}
users:
${users}`;

describe('kubeconfig through KubeConfig', () => {
  it('client certificate data and the cluster CA become the connection auth and TLS', async () => {
    const p = write('cert.yaml', config(`- name: u\n  user:\n    client-certificate-data: ${b64('CERT PEM')}\n    client-key-data: ${b64('KEY PEM')}\n`));
    const c = await resolveKubeConnection(conn(p));
    expect(c.url).toBe('https://10.0.0.1:6443');
    expect(c.auth).toEqual({ type: 'clientCert', certPem: 'CERT PEM', keyPem: 'KEY PEM' });
    expect(c.tls.caPem).toBe('CA PEM');
  });

  it('client certificate files are read', async () => {
    const cert = write('c.pem', 'CERT FROM FILE');
    const key = write('k.pem', 'KEY FROM FILE');
    const p = write('certfile.yaml', config(`- name: u\n  user:\n    client-certificate: ${cert}\n    client-key: ${key}\n`));
    expect((await resolveKubeConnection(conn(p))).auth).toEqual({ type: 'clientCert', certPem: 'CERT FROM FILE', keyPem: 'KEY FROM FILE' });
  });

  it('exec plugins are refused, not run', async () => {
    const p = write('exec.yaml', config(`- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: touch\n      args: [${join(dir, 'ran')}]\n`));
    await expect(resolveKubeConnection(conn(p))).rejects.toThrow(/exec\/auth-provider plugin/);
  });

  it('an unknown context, a missing file and a non-kubeconfig say which', async () => {
    const p = write('tok.yaml', config(`- name: u\n  user: {token: abc}\n`));
    expect((await resolveKubeConnection(conn(p))).auth).toEqual({ type: 'bearer', token: 'abc' });
    await expect(resolveKubeConnection(conn(p, 'staging'))).rejects.toThrow(/no context named "staging"/);
    await expect(resolveKubeConnection(conn(join(dir, 'absent.yaml')))).rejects.toThrow(/Cannot read kubeconfig/);
    await expect(resolveKubeConnection(conn(write('junk.yaml', '::: not yaml [')))).rejects.toThrow(/Cannot read kubeconfig/);
  });
});
