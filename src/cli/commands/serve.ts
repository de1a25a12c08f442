/** `sitrep serve`: the browser host: the same core and renderer as the desktop app, on loopback. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { intParser } from '../args';
import { waitForSignal } from '../io';
import { packageRoot, packageVersion, resolveDbPath } from '../paths';
import type { CommandContext } from './context';
import { openBrowser } from './open-browser';

interface ServeOpts {
  db?: string;
  port: number;
  listen: string;
  open?: boolean;
  demo: boolean;
  otlpPort: number;
  receiver: boolean;
}

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('serve the cockpit to a browser (loopback, token-protected)')
    .option('--db <path>', 'database file (default: $SITREP_HOME/sitrep.db)')
    .option('--port <n>', 'port (0: a free one)', intParser(0, 65_535), 0)
    .option('--listen <addr>', 'address to bind; anything but loopback is reachable from the network', '127.0.0.1')
    .option('--open', 'open the system browser')
    .option('--no-demo', 'do not fill an empty database with the demo incident')
    .option('--otlp-port <n>', 'port of the OTLP/HTTP and webhook receiver on 127.0.0.1 (0: a free one)', intParser(0, 65_535), 4318)
    .option('--no-receiver', 'do not start the OTLP/HTTP and webhook receiver')
    .action(async (opts: ServeOpts) => {
      // Loaded on demand: the other commands do not need the HTTP stack.
      const { createCore } = await import('../../core/app/core');
      const { startBrowserHost } = await import('../../main/serve/host');
      const { createBrowserShareHost } = await import('../../main/serve/share-host');
      const root = packageRoot();
      const rendererDir = join(root ?? process.cwd(), 'out', 'renderer');
      if (!existsSync(join(rendererDir, 'index.html'))) {
        ctx.io.err(`warning: no built renderer in ${rendererDir}; run \`npm run build\` first\n`);
      }
      const dbPath = resolveDbPath(opts.db, ctx.io.env);
      // The live read-only share's listener: started only when the commander shares, on the address they choose.
      const shareHost = createBrowserShareHost({ rendererDir, log: (line) => ctx.io.err(line + '\n') });
      const core = createCore({ dbPath, host: 'browser', demoIfEmpty: opts.demo, version: packageVersion(), threadedWriter: true, shareHost });
      let host: Awaited<ReturnType<typeof startBrowserHost>>;
      try {
        host = await startBrowserHost({ core, rendererDir, listen: opts.listen, port: opts.port, log: (line) => ctx.io.err(line + '\n') });
      } catch (err) {
        core.close();
        throw err;
      }
      const { startHostReceiver } = await import('../../core/receiver/host');
      const receiver = opts.receiver ? await startHostReceiver(core.context, { port: opts.otlpPort, say: (line) => ctx.io.err(line + '\n') }) : null;
      ctx.io.out(`Sitrep is serving ${dbPath}\n  open ${host.url}\n`);
      if (receiver) ctx.io.out(`  telemetry receiver (OTLP/HTTP) ${receiver.url}\n`);
      ctx.io.out('  (Ctrl+C to stop)\n');
      ctx.io.onServing?.({ url: host.url, port: host.port, token: host.token });
      if (opts.open && !openBrowser(host.url, ctx.io.env)) ctx.io.err('note: no browser launcher found; open the URL yourself\n');
      await (ctx.io.waitForStop ?? waitForSignal)();
      await receiver?.close();
      await shareHost.close();
      await host.close();
      core.close();
      ctx.io.out('Stopped.\n');
    });
}
