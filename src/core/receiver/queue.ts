/**
 * The bounded write queue in front of the store: at most `limit` requests are admitted at once
 * (being decoded, mapped or written). A full queue refuses at once, so the server answers 429
 * with Retry-After instead of buffering without bound. Each job yields to I/O before it starts.
 * Admitted jobs are not serialised here: synchronous routes run one at a time anyway (one
 * thread), and the store's writer commits batches in the order they were handed over, so the
 * next request is decoded while the previous one is being written.
 */
export interface WriteQueue {
  /** Runs `job`; null when the queue is full (nothing was run). */
  run<T>(job: () => Promise<T> | T): Promise<T> | null;
  readonly pending: number;
  readonly limit: number;
}

export function createWriteQueue(limit: number): WriteQueue {
  const max = Math.max(1, Math.floor(limit));
  let pending = 0;
  return {
    get pending() {
      return pending;
    },
    limit: max,
    run<T>(job: () => Promise<T> | T): Promise<T> | null {
      if (pending >= max) return null;
      pending++;
      return new Promise<T>((resolve, reject) => {
        setImmediate(() => {
          Promise.resolve()
            .then(job)
            .then(resolve, reject)
            .finally(() => {
              pending--;
            });
        });
      });
    },
  };
}
