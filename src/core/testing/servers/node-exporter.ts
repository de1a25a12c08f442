/** A real node_exporter (Debian's /usr/bin/prometheus-node-exporter) with a few cheap collectors. */
import { binaryAvailable, startServer, type RunningServer } from './process';

export const NODE_EXPORTER_BIN = '/usr/bin/prometheus-node-exporter';
export const nodeExporterAvailable = (): boolean => binaryAvailable(NODE_EXPORTER_BIN);

export function startNodeExporter(): Promise<RunningServer> {
  return startServer({
    name: 'node-exporter',
    bin: NODE_EXPORTER_BIN,
    args: (port) => [
      `--web.listen-address=127.0.0.1:${port}`,
      '--collector.disable-defaults',
      '--collector.cpu',
      '--collector.meminfo',
      '--collector.loadavg',
      '--collector.time',
    ],
    readyPath: '/metrics',
  });
}
