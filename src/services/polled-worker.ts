// The loop behind Parley's background jobs (Web Push deliveries, preview card
// fetches): take a batch while batches come full; a wake-up during a run makes
// it go round once more; once started, a timer polls for jobs that other
// processes queued and for retries that came due.
export interface PolledWorker {
  /** Whether start() was called (and stop() not since). */
  readonly started: boolean;
  /** Runs now, or once more after the current run; resolves when no work is left. */
  run(): Promise<void>;
  start(): void;
  /** Stops polling and waits for the current run. */
  stop(): Promise<void>;
}

/** Builds a worker that calls `batch` (true: a full batch, take the next) until there is no more work. */
export function polledWorker(options: { batch: () => Promise<boolean>; pollMs: number; onError: (error: unknown) => void }): PolledWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        while (await options.batch()) { /* a full batch: take the next */ }
      } while (again);
    })()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    get started() {
      return timer !== null;
    },
    run,
    start() {
      if (timer) return;
      timer = setInterval(() => void run(), options.pollMs);
      void run();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
