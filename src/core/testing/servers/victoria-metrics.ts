/** A real single-node VictoriaMetrics (Debian's /usr/bin/victoria-metrics) on loopback for tests. */
import { join } from 'node:path';
import { binaryAvailable, startServer, type RunningServer } from './process';

export const VICTORIA_BIN = '/usr/bin/victoria-metrics';
export const victoriaAvailable = (): boolean => binaryAvailable(VICTORIA_BIN);

export function startVictoriaMetrics(): Promise<RunningServer> {
  return startServer({
    name: 'victoria-metrics',
    bin: VICTORIA_BIN,
    args: (port, dir) => [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      '-retentionPeriod=100y',
      // Samples pushed by a test must be searchable at once, not after the default 30 s cache.
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=ERROR',
    ],
    readyPath: '/health',
  });
}
