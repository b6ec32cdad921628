// The task log of one step run: numbered, timestamped lines, written in small batches so the log
// is readable while the step runs, and announced to live viewers as they are written.
import type { Database } from "../store/database.ts";
import { appendLogLines, type LogLevel } from "../store/step-records.ts";
import type { EngineEvents } from "./engine-events.ts";

export class StepLog {
  private seq = 0;
  private pending: { seq: number; at: Date; level: LogLevel; message: string }[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    private readonly events: EngineEvents,
    private readonly deploymentId: string,
    private readonly stepRunId: string,
  ) {}

  write(level: LogLevel, message: string, at = new Date()) {
    for (const line of message.split("\n")) {
      const entry = { seq: ++this.seq, at, level, message: line };
      this.pending.push(entry);
      this.events.emit("log", { deploymentId: this.deploymentId, stepRunId: this.stepRunId, lines: [{ ...entry, at: at.toISOString() }] });
    }
    this.timer ??= setTimeout(() => void this.flush(), 250);
  }

  info = (message: string) => this.write("info", message);
  warn = (message: string) => this.write("warning", message);
  error = (message: string) => this.write("error", message);

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    this.writing = this.writing.then(() => appendLogLines(this.db, this.stepRunId, batch));
    return this.writing;
  }
}
