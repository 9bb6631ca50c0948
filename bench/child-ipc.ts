// Forks a benchmark helper (a second process) and talks to it over IPC with
// bounded waits, so a stuck helper fails the benchmark instead of hanging it.
import { type ChildProcess, fork } from "node:child_process";
import { resolve } from "node:path";

export interface Helper<In, Out extends { type: string }> {
  child: ChildProcess;
  send(command: In): void;
  /** The next message of that type, or an error after timeoutMs or when the helper dies. */
  next<T extends Out["type"]>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>>;
  stop(): Promise<void>;
}

/** Forks bench/<script> with an IPC channel. */
export function forkHelper<In, Out extends { type: string }>(script: string): Helper<In, Out> {
  const child = fork(resolve(import.meta.dirname, script), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const inbox: Out[] = [];
  const waiters = new Set<() => void>();
  child.on("message", (message) => {
    inbox.push(message as Out);
    for (const wake of waiters) wake();
  });
  child.on("exit", () => {
    for (const wake of waiters) wake();
  });
  return {
    child,
    send: (command) => child.send(command as object),
    next(type, timeoutMs) {
      return new Promise((done, fail) => {
        const check = () => {
          const index = inbox.findIndex((m) => m.type === type);
          if (index >= 0) {
            finish();
            done(inbox.splice(index, 1)[0] as Extract<Out, { type: typeof type }>);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            finish();
            fail(new Error(`${script} exited before sending "${type}"`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          fail(new Error(`${script} sent no "${type}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((done) => child.once("exit", done));
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
