/**
 * The bounded write queue in front of the store: jobs run one at a time (the store has one
 * writer), at most `limit` wait. A full queue refuses at once, so the server answers 429 with
 * Retry-After instead of buffering without bound. Each job yields to I/O before it starts.
 */
export interface WriteQueue {
  /** Runs `job` in turn; null when the queue is full (nothing was run). */
  run<T>(job: () => Promise<T> | T): Promise<T> | null;
  readonly pending: number;
  readonly limit: number;
}

export function createWriteQueue(limit: number): WriteQueue {
  const max = Math.max(1, Math.floor(limit));
  let pending = 0;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    get pending() {
      return pending;
    },
    limit: max,
    run<T>(job: () => Promise<T> | T): Promise<T> | null {
      if (pending >= max) return null;
      pending++;
      const p = tail.then(
        () =>
          new Promise<T>((resolve, reject) => {
            setImmediate(() => {
              Promise.resolve()
                .then(job)
                .then(resolve, reject)
                .finally(() => {
                  pending--;
                });
            });
          }),
      );
      tail = p.catch(() => undefined);
      return p;
    },
  };
}
