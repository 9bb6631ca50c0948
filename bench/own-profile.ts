// CPU-profiles a window of this very process with the inspector (the fanout
// benchmark runs Parley in-process), written as a .cpuprofile file.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

export interface OwnProfile {
  /** Stops profiling and writes the profile to `path`. */
  stop(path: string): Promise<void>;
}

/** Starts the V8 sampling profiler on this process's main thread. */
export async function startOwnProfile(): Promise<OwnProfile> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(path) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
