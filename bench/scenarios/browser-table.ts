// Issue 12's browser scenario: Chromium (Playwright, Debian's /usr/bin/chromium) against the
// production server (browser-table-server.ts: Next's build in KDEPLOY_NEXT_DIST_DIR, default
// .next), a 10,000-row running step fed through the engine's event bus → LiveTables → Socket.IO →
// the page's reducer → the virtualized table, as a user's browser gets it.
// Measured in the page, on its clock: wrappers around WebSocket and XMLHttpRequest (Socket.IO's
// long-polling before the upgrade) note when a "table:snapshot" or "table:delta" packet arrives; a requestAnimationFrame loop notes the first frame whose DOM shows
// the rows (the frame after that callback is the paint). Figures:
// - first paint: navigation start → the first rows drawn, and the table's arrival → drawn (the
//   page first reads the tables over REST, GET /api/deployments/:id/objects, whose responseEnd
//   in Resource Timing is the arrival; the socket's snapshot follows and is noted too);
// - a 500-row delta: its frame → the changed rows drawn (median of `deltas` runs), with how many
//   row components rendered for it (a render counter in object-row.tsx);
// - the page's JS heap after a GC (CDP Runtime.getHeapUsage), rows in the DOM.
// Also saves screenshots of the expanded (before and after the deltas) and the collapsed 10,000-row
// table (BENCH_SHOTS_DIR).
// BENCH_BROWSER_PROFILE=<file.cpuprofile>: a CDP CPU profile of the page over the delta runs
// (open it in Chromium's DevTools), and its heaviest functions by self time on stderr;
// BENCH_BROWSER_HEAP=1: what the page's heap holds after the deltas, by constructor, on stderr.
// Needs a production build (`next build`; KDEPLOY_NEXT_DIST_DIR picks its folder) and a free port
// (BENCH_BROWSER_PORT, default 3347). `npm run bench -- --only browser`, or standalone:
// `npx tsx bench/scenarios/browser-table.ts` (prints the result, no docs; BENCH_BROWSER_DELTAS runs).
import { fileURLToPath } from "node:url";
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { start } from "../lib/child-processes.ts";
import { withTimeout } from "../lib/clock.ts";
import { round, summarize, type Summary } from "../lib/stats.ts";
import type { Log } from "../lib/log.ts";

export type BrowserTableConfig = { deltas: number; deltaRows: number; port?: number; shotsDir?: string };
export type BrowserTableResult = {
  config: BrowserTableConfig;
  rows: number;
  /** Median of FIRST_PAINT_RUNS navigations (before 2026-12-01 23:30 UTC: one, cold). */
  firstPaintFromNavigationMs: number;
  firstPaintFromArrivalMs: number;
  /** The first navigation: the server's first render of the route, an empty browser cache. */
  firstPaintColdFromNavigationMs?: number;
  firstPaintRunsMs?: number[];
  restTablesKb: number;
  restTablesTransferKb: number;
  collapsedFirstPaintFromArrivalMs: number;
  deltaPaintMs: Summary;
  rowRendersPerDelta: number[];
  rowsInDom: number;
  heapUsedMb: number;
  snapshotFrameKb: number;
};

// The administrator browser-table-server.ts creates (its module starts a server, so not imported).
const BENCH_ADMIN = { email: "bench-admin@example.test", password: "bench-browser-password-1234" };
/** Navigations to the 10,000-row page for its first paint (the first cold, the figure their median). */
const FIRST_PAINT_RUNS = 5;
const ms = (value: number) => round(value) ?? 0;

type Ready = { ready: true; url: string; expanded: { deploymentId: string; rows: number }; collapsed: { deploymentId: string; rows: number } };
type ProbeWindow = Window & {
  __probe: { frames: { name: string; at: number; bytes: number }[] };
  __kdeployRowRenders?: number;
};

// Page-side code is passed as source text: tsx would wrap named functions in its own `__name`
// helper, which the page does not have.
// Runs in the page before any of its scripts.
const installProbe = `(() => {
  const probe = { frames: [] };
  window.__probe = probe;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") return;
        const name = /^42\\["([^"]+)"/.exec(event.data)?.[1];
        if (name) probe.frames.push({ name, at: performance.now(), bytes: event.data.length });
      });
    }
  };
  // Socket.IO starts on HTTP long-polling and upgrades: the snapshot may come either way.
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (String(url).includes("/socket.io/")) {
      // Added before Socket.IO sets onreadystatechange, so this runs before the packets are handled.
      this.addEventListener("readystatechange", () => {
        if (this.readyState !== 4 || typeof this.responseText !== "string") return;
        const at = performance.now();
        for (const packet of this.responseText.split("\\x1e")) {
          const name = /^42\\["([^"]+)"/.exec(packet)?.[1];
          if (name) probe.frames.push({ name, at, bytes: packet.length });
        }
      });
    }
    return open.call(this, method, url, ...rest);
  };
})()`;

/** The time (page clock) of the frame after the first one in which `ready` (an expression) holds. */
const paintedWhen = (page: Page, ready: string) =>
  page.evaluate(`new Promise((resolve) => {
    const tick = () => ((${ready}) ? requestAnimationFrame((at) => resolve(at)) : requestAnimationFrame(tick));
    tick();
  })`) as Promise<number>;

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

/** A CPU profile's functions by self time: "12.3 ms  name (file:line:column)". */
function heaviest(profile: CpuProfile, count: number): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byNode.get(id)!;
    const name = `${frame.functionName || "(anonymous)"} (${frame.url.split("/").pop() ?? ""}:${frame.lineNumber + 1}:${frame.columnNumber + 1})`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, total]) => `${total.toFixed(1).padStart(8)} ms  ${name}`);
}

type HeapSnapshot = { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };

/** BENCH_BROWSER_HEAP=1: a heap snapshot's self sizes by constructor (objects) or type (strings, code…), largest first. */
async function heapByKind(cdp: CDPSession, count: number): Promise<string[]> {
  const chunks: string[] = [];
  cdp.on("HeapProfiler.addHeapSnapshotChunk", ({ chunk }: { chunk: string }) => chunks.push(chunk));
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  const heap = JSON.parse(chunks.join("")) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((field) => fields.indexOf(field)) as [number, number, number];
  const types = heap.snapshot.meta.node_types[0];
  const sizes = new Map<string, { bytes: number; count: number }>();
  for (let at = 0; at < heap.nodes.length; at += fields.length) {
    const type = types[heap.nodes[at + typeAt]!]!;
    const kind = type === "object" || type === "native" ? `${type} ${heap.strings[heap.nodes[at + nameAt]!]}` : type;
    const entry = sizes.get(kind) ?? { bytes: 0, count: 0 };
    entry.bytes += heap.nodes[at + sizeAt]!;
    entry.count++;
    sizes.set(kind, entry);
  }
  return [...sizes]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, count)
    .map(([kind, { bytes, count: n }]) => `${(bytes / 1024 / 1024).toFixed(1).padStart(7)} MB ${String(n).padStart(8)}×  ${kind}`);
}

/** The REST read of the tables, from the page's Resource Timing (page clock). */
const tablesRequest = (page: Page) =>
  page.evaluate(() => {
    const entry = performance.getEntriesByType("resource").find((e) => /\/api\/deployments\/[^/]+\/objects/.test(e.name)) as
      PerformanceResourceTiming | undefined;
    if (!entry) throw new Error("no GET /api/deployments/:id/objects seen");
    return { responseEnd: entry.responseEnd, decodedBodySize: entry.decodedBodySize, transferSize: entry.transferSize };
  });

export async function runBrowserTable(config: BrowserTableConfig, log: Log): Promise<BrowserTableResult> {
  const server = start(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./browser-table-server.ts", import.meta.url))], {
    timeoutMs: 20 * 60_000,
    keepOutput: false,
    spawn: { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, BENCH_BROWSER_PORT: String(config.port ?? process.env.BENCH_BROWSER_PORT ?? 3347) } },
  });
  const replies = createInterface({ input: server.child.stdout! });
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  replies.on("line", (line) => {
    if (!line.startsWith("@@bench ")) return;
    queue.push(line.slice("@@bench ".length));
    wake?.();
  });
  const nextReply = async <T>(): Promise<T> => {
    while (!queue.length) await withTimeout(new Promise<void>((resolve) => (wake = resolve)), 180_000, "browser bench server reply");
    return JSON.parse(queue.shift()!) as T;
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const ready = await nextReply<Ready>();
    log.info(`browser: server ready at ${ready.url}, ${ready.expanded.rows} + ${ready.collapsed.rows} rows`);
    const context = await browser.newContext({ baseURL: ready.url, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(BENCH_ADMIN.email);
    await page.getByLabel("Password").fill(BENCH_ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await page.addInitScript({ content: installProbe });

    const anyRow = `document.querySelector('tr[data-row-key]') !== null`;
    // The expanded table: first paint, FIRST_PAINT_RUNS navigations. The first is cold (the
    // server's first render of the route, nothing in the browser's cache); the figure is the
    // median, and the cold one is reported beside it.
    const navigations: { painted: number; arrived: number }[] = [];
    let rest: Awaited<ReturnType<typeof tablesRequest>> | undefined;
    let snapshotBytes = 0;
    for (let run = 0; run < FIRST_PAINT_RUNS; run++) {
      await page.goto(`/deployments/${ready.expanded.deploymentId}`, { waitUntil: "commit" });
      const painted = await paintedWhen(page, anyRow);
      // The REST read may paint before the socket's snapshot has arrived: wait for it (it is measured too).
      await page.waitForFunction(() => (window as unknown as ProbeWindow).__probe.frames.some((frame) => frame.name === "table:snapshot"), null, {
        timeout: 60_000,
      });
      const frames = await page.evaluate(() => (window as unknown as ProbeWindow).__probe.frames);
      const snapshot = frames.find((frame) => frame.name === "table:snapshot");
      if (!snapshot) throw new Error("no table:snapshot frame seen");
      rest = await tablesRequest(page);
      snapshotBytes = snapshot.bytes;
      navigations.push({ painted, arrived: Math.min(rest.responseEnd, snapshot.at) });
    }
    log.info(`browser: first paint ${navigations.map((n) => Math.round(n.painted)).join(", ")} ms after navigation (the first cold)`);
    const rowsInDom = await page.locator("tr[data-row-key]").count();
    if (config.shotsDir) await page.screenshot({ path: `${config.shotsDir}/browser-10000-expanded.png` });

    // 500-row deltas: the first pods (on screen) change status and message.
    const profileFile = process.env.BENCH_BROWSER_PROFILE;
    const profiler = profileFile ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send("Profiler.enable");
      await profiler.send("Profiler.setSamplingInterval", { interval: 200 });
      await profiler.send("Profiler.start");
    }
    const deltaPaint: number[] = [];
    const renders: number[] = [];
    for (let run = 0; run < config.deltas; run++) {
      const tag = `r${run}`;
      await page.evaluate(() => {
        (window as unknown as ProbeWindow).__probe.frames = [];
        (window as unknown as ProbeWindow).__kdeployRowRenders = 0;
      });
      const paintedDelta = paintedWhen(
        page,
        `[...document.querySelectorAll('tr[data-row-key^="pod/"]')].slice(0, 20).every((tr) => tr.textContent.includes("delta ${tag}"))`,
      );
      server.child.stdin!.write(`delta ${config.deltaRows} ${tag}\n`);
      await nextReply<{ emitted: number }>();
      const at = await withTimeout(paintedDelta, 30_000, "delta painted");
      const deltaFrames = await page.evaluate(() => (window as unknown as ProbeWindow).__probe.frames.filter((frame) => frame.name === "table:delta"));
      if (!deltaFrames[0]) throw new Error("no table:delta frame seen");
      deltaPaint.push(at - deltaFrames[0].at);
      renders.push(await page.evaluate(() => (window as unknown as ProbeWindow).__kdeployRowRenders ?? -1));
    }
    await page.evaluate(() => delete (window as unknown as ProbeWindow).__kdeployRowRenders);
    // After the deltas: the changed pods and, below the table, the live timeline (once it followed).
    if (config.shotsDir && config.deltas > 0) {
      await page.locator("[data-lane]").first().waitFor();
      await page.screenshot({ path: `${config.shotsDir}/browser-10000-after-deltas.png`, fullPage: true });
    }
    if (profiler && profileFile) {
      const { profile } = (await profiler.send("Profiler.stop")) as { profile: CpuProfile };
      writeFileSync(profileFile, JSON.stringify(profile));
      process.stderr.write(`browser: CPU profile in ${profileFile}; heaviest by self time:\n${heaviest(profile, 25).join("\n")}\n`);
    }

    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
    if (process.env.BENCH_BROWSER_HEAP === "1") process.stderr.write(`browser: heap by kind after the deltas:\n${(await heapByKind(cdp, 20)).join("\n")}\n`);

    // The collapsed table (20 ReplicaSets of 499 pods, each starting collapsed).
    await page.goto(`/deployments/${ready.collapsed.deploymentId}`, { waitUntil: "commit" });
    const collapsedPainted = await paintedWhen(page, anyRow);
    const collapsedFrames = await page.evaluate(() => (window as unknown as ProbeWindow).__probe.frames);
    const collapsedArrived = Math.min(
      (await tablesRequest(page)).responseEnd,
      collapsedFrames.find((frame) => frame.name === "table:snapshot")?.at ?? Infinity,
    );
    if (config.shotsDir) {
      await page.locator("[data-collapsed-summary]").first().waitFor();
      await page.screenshot({ path: `${config.shotsDir}/browser-10000-collapsed.png` });
      await page.getByRole("button", { name: "Expand ReplicaSet app-0000-5d8f7b9c4" }).click();
      await page.screenshot({ path: `${config.shotsDir}/browser-10000-collapsed-one-open.png` });
    }

    return {
      config,
      rows: ready.expanded.rows,
      firstPaintFromNavigationMs: ms(summarize(navigations.map((n) => n.painted)).median ?? Number.NaN),
      firstPaintFromArrivalMs: ms(summarize(navigations.map((n) => n.painted - n.arrived)).median ?? Number.NaN),
      firstPaintColdFromNavigationMs: ms(navigations[0]!.painted),
      firstPaintRunsMs: navigations.map((n) => ms(n.painted)),
      restTablesKb: ms(rest!.decodedBodySize / 1024),
      restTablesTransferKb: ms(rest!.transferSize / 1024),
      collapsedFirstPaintFromArrivalMs: ms(collapsedPainted - collapsedArrived),
      deltaPaintMs: summarize(deltaPaint),
      rowRendersPerDelta: renders,
      rowsInDom,
      heapUsedMb: ms(heap.usedSize / 1024 / 1024),
      snapshotFrameKb: ms(snapshotBytes / 1024),
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { createLog } = await import("../lib/log.ts");
  const result = await runBrowserTable(
    { deltas: Number(process.env.BENCH_BROWSER_DELTAS ?? 5), deltaRows: 500, shotsDir: process.env.BENCH_SHOTS_DIR },
    createLog(true),
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
