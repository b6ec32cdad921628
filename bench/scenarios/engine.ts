// Scenario 4 driver: runs engine-child.ts in a fresh Node with --expose-gc and reads its JSON.
import { fileURLToPath } from "node:url";
import { start } from "../lib/child-processes.ts";
import type { Log } from "../lib/log.ts";

export type EngineResult = {
  config: { events: number; trackedObjects: number; deployments?: number[]; widePods?: number[] };
  throughput: {
    events: number;
    /** Absent in results written before issue 12 (100 and 1,000 Deployments × 5 pods). */
    deployments?: number;
    podsPerDeployment?: number;
    /** One Deployment rolling out (InProgress), so its message summarises every pod. */
    rollingOut?: boolean;
    trackedRows: number;
    cpuSeconds: number;
    wallSeconds: number;
    eventsPerCpuSecond: number;
    batchesEmitted: number;
    rowsEmitted: number;
  }[];
  memory: {
    trackedObjects: number;
    deployments: number;
    baselineHeapBytes: number;
    trackingHeapBytes: number;
    retainedBytes: number;
    bytesPerTrackedObject: number;
    bytesPerDeployment: number;
  };
};

export async function runEngine(config: EngineResult["config"], log: Log): Promise<EngineResult> {
  const child = fileURLToPath(new URL("./engine-child.ts", import.meta.url));
  const run = start(process.execPath, ["--expose-gc", "--import", "tsx", child, JSON.stringify(config)], { timeoutMs: 10 * 60_000 });
  const result = await run.finished;
  if (result.code !== 0) throw new Error(`engine child exited ${result.code ?? result.signal}: ${result.stderr.slice(-800)}`);
  const parsed = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Omit<EngineResult, "config">;
  log.info(
    `  engine: ${parsed.throughput.map((t) => `${t.eventsPerCpuSecond} events/CPU s at ${t.trackedRows} rows`).join(", ")}; ${parsed.memory.bytesPerTrackedObject} bytes retained per tracked object`,
  );
  return { config, ...parsed };
}
