/** What a command may touch of the outside world; tests inject their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when a long-running command (serve) should stop. Default: SIGINT or SIGTERM. */
  waitForStop?: () => Promise<void>;
  /** Called by `serve` once it listens (tests use it to reach the server). */
  onServing?: (info: { url: string; port: number; token: string }) => void;
}

export function processIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    env: process.env,
  };
}

/** Resolves on the first SIGINT or SIGTERM. */
export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
