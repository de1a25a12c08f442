/** The loud warning printed when the browser host binds beyond loopback. */
export function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === 'localhost' || address === '::1';
}

export function exposureWarning(address: string, port: number): string[] {
  const bar = '!'.repeat(72);
  return [
    bar,
    `!! WARNING: Sitrep is listening on ${address}:${port}, not only on this machine.`,
    '!! The cockpit is reachable from the network. Anyone who has the URL with its',
    '!! token can read all incident data in this store (events, logs, prompts, costs).',
    '!! Traffic is plain HTTP (not encrypted). Share the token only over a trusted channel,',
    '!! and stop the server (Ctrl+C) when you are done. Omit --listen to stay on 127.0.0.1.',
    bar,
  ];
}
