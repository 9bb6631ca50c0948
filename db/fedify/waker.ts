// What a queue listener sleeps on between rounds: a timeout, a wake-up
// (enqueue, NOTIFY, a handler finishing) or its abort signal.

export interface Waker {
  wake(): void;
  /** Resolves after `ms`, on wake() (also one that came before) or on abort. */
  wait(ms: number): Promise<void>;
  dispose(): void;
}

/** A waker that also wakes when `signal` aborts. */
export function createWaker(signal: AbortSignal | undefined): Waker {
  let pending = false;
  let resolveWait: (() => void) | undefined;
  const wake = () => {
    if (resolveWait) resolveWait();
    else pending = true;
  };
  signal?.addEventListener("abort", wake);
  return {
    wake,
    wait(ms) {
      if (pending || signal?.aborted) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolveWait?.(), ms);
        resolveWait = () => {
          clearTimeout(timer);
          resolveWait = undefined;
          resolve();
        };
      });
    },
    dispose: () => signal?.removeEventListener("abort", wake),
  };
}
