// Tracks one step's applied objects and their children until the step passes or fails.
// Watch events update the object index; affected rows are recomputed through the domain rules
// (children before parents, so reasons flow up); only rows whose status, message or summary
// changed are emitted, in batches with a per-step sequence number; the outcome machine decides.
// It knows nothing of sockets or the database: the executor subscribes to what it emits.
import type { Clock, TimerHandle } from "../kube/clock.ts";
import type { WatchHub } from "../kube/watch-hub.ts";
import type { KubeObject } from "../kube/watch-stream.ts";
import { collectionPath } from "../kube/resources.ts";
import { sanitizeObject } from "../kube/sanitize.ts";
import { projectWatched } from "../kube/watched-object.ts";
import type { ObjectRowView, RowChangeBatch, RowStatus } from "../contracts/object-status.ts";
import { computeObjectStatus, isReplicaSetShown, ownerUidOf, type KubeObject as DomainObject, type StatusCause } from "../domain/status/index.ts";
import {
  describeRow,
  isFinal,
  reduceStepOutcome,
  startStepOutcome,
  type OutcomeEffect,
  type OutcomeOptions,
  type OutcomeTransition,
  type StepOutcomeState,
  type TrackedRow,
} from "../domain/outcome/index.ts";
import { DescendantProblems } from "./descendant-problems.ts";
import { TransitionLog, type StatusTransition } from "./transition-log.ts";
import { ObjectIndex } from "./object-index.ts";
import { planWatches, resourceKey, STORAGE_CLASS, watchKey, type PlannedWatch, type TrackedTopLevel } from "./watch-plan.ts";

export type TrackerOptions = { waitForJobs: boolean; outcome: OutcomeOptions };
export type { StatusTransition } from "./transition-log.ts";
export type TrackerSink = {
  /** `eventLagMs`: from the first watch event this batch answers reaching the tracker to now (metrics). */
  onRows(batch: RowChangeBatch, eventLagMs?: number): void;
  onLog(level: "info" | "warning" | "error", message: string, at: Date): void;
  onPhase?(phase: { name: "tracking" } | { name: "stabilizing"; until: Date }): void;
};
export type TrackerResult = {
  outcome: "Succeeded" | "Failed" | "TimedOut";
  reason?: "error" | "timeout" | "timeoutDuringStabilization";
  blockingKeys: string[];
  rows: ObjectRowView[];
  transitions: StatusTransition[];
  finishedAt: Date;
  /** The last sequence number emitted. */
  lastSequence: number;
  /** Last observed object of each top-level row and of each row not in Success (for the drawer of a frozen step). */
  observed: Map<string, unknown>;
  /** Watches still down when the step ended, in one sentence ("The cluster was unreachable since …"). */
  watchProblem?: string;
  /** Ended by stop() (server shutdown), not by the outcome machine: no verdict. */
  stopped?: boolean;
};

type StreamError = { message: string; since: number; code?: number; stalled?: boolean };

/** A clock time for messages, UTC ("10:42:07"). */
const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 19);

type Row = ObjectRowView & { cause?: StatusCause; depth: number; visible: boolean; forced?: "TimedOut" | "Error"; forcedMessage?: string };

export class StepTracker {
  private readonly index = new ObjectIndex();
  private readonly rows = new Map<string, Row>();
  /** Top-level row keys by object uid; a child row's key is its uid (see keyOf). */
  private readonly keyByUid = new Map<string, string>();
  /** Messages and summaries, one instance per distinct text (thousands of pods say the same words). */
  private words = new Map<string, string>();
  private lastIso: { ms: number; text: string } = { ms: NaN, text: "" };
  /** Row keys by parent row key: walking a subtree costs its size, never the whole table. */
  private readonly childKeys = new Map<string, Set<string>>();
  /** Each row's descendants' reason groups, kept up to date as rows change (a parent's message never walks its children). */
  private readonly problems = new DescendantProblems();
  /** Without `live`: the applied object is projected into topObjects, not kept whole for the step's life. */
  private readonly topByName = new Map<string, Omit<TrackedTopLevel, "live">>();
  private readonly topObjects = new Map<string, KubeObject>();
  private readonly streamErrors = new Map<string, StreamError>();
  private readonly synced = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly transitions = new TransitionLog();
  private readonly unsubscribes: (() => void)[] = [];
  private watches: PlannedWatch[] = [];
  private outcome!: StepOutcomeState;
  /** The timer of the outcome's next deadline (at: epoch ms), kept while the deadline stays the same. */
  private wake?: TimerHandle & { at: number };
  private flushScheduled = false;
  /** Clock time of the first watch event not yet answered by an emitted batch (event lag). */
  private firstPendingEventAt: number | undefined;
  private sequence = 0;
  private finished = false;
  private stopped = false;
  private resolveDone!: (result: TrackerResult) => void;
  readonly done = new Promise<TrackerResult>((resolve) => (this.resolveDone = resolve));

  constructor(
    private readonly deps: {
      hub: WatchHub;
      clusterKey: string;
      clock: Clock;
      stepRunId: string;
      options: TrackerOptions;
      sink: TrackerSink;
      /** The last sequence number a previous tracker of this step emitted (resumed after a restart): batches continue from it. */
      lastSequence?: number;
      /**
       * Resumed after a restart or a takeover: each checkpointed row's status (its history is
       * stored). A row records a transition only when its status really differs from this one; a
       * top-level row's placeholder status before the watches' first lists is never recorded.
       */
      resumedStatuses?: ReadonlyMap<string, RowStatus>;
    },
  ) {
    this.sequence = deps.lastSequence ?? 0;
    this.resumed = new Map(deps.resumedStatuses ?? []);
  }

  private readonly resumed: Map<string, RowStatus>;

  private allSynced(): boolean {
    return this.watches.length > 0 && this.synced.size >= this.watches.length;
  }

  /** A status change of a row; one of a resumed row is left out while it only repeats the checkpointed status. */
  private record(transition: StatusTransition) {
    const before = this.resumed.get(transition.key);
    if (before !== undefined) {
      if (this.rows.get(transition.key)?.parentKey === null && !this.allSynced()) return;
      this.resumed.delete(transition.key);
      if (before === transition.status) return;
    }
    this.transitions.push(transition);
  }

  /** Once every watch delivered its first list: a resumed top-level row records its status if it differs from the checkpointed one. */
  private settleResumed(now: Date) {
    if (this.resumed.size === 0 || !this.allSynced()) return;
    for (const [key, status] of this.resumed) {
      const row = this.rows.get(key);
      if (row?.parentKey !== null) continue;
      this.resumed.delete(key);
      if (row.status !== status) this.transitions.push({ key, at: now, status: row.status, message: row.message });
    }
  }

  start(objects: readonly TrackedTopLevel[]): Promise<TrackerResult> {
    const now = this.now();
    for (const { live, ...top } of objects) {
      this.topByName.set(`${resourceKey(top.resource)}|${top.namespace ?? ""}|${top.name}`, top);
      this.keyByUid.set(top.uid, top.key);
      if (live) this.topObjects.set(top.key, projectWatched(live as KubeObject));
      this.rows.set(top.key, {
        key: top.key,
        uid: top.uid,
        parentKey: null,
        apiVersion: top.apiVersion,
        kind: top.kind,
        namespace: top.namespace ?? "",
        name: top.name,
        status: "InProgress",
        message: "Waiting for the first watch event",
        summary: "",
        lastChangeAt: this.iso(now),
        depth: 0,
        visible: true,
        cause: undefined,
      });
      this.problems.add(top.key, null);
      this.dirty.add(top.key);
    }
    this.recomputeDirty(now);
    // A row still InProgress after the first look has no transition yet (only changes are
    // recorded): record where it starts, so the stored timeline begins with it (components/timeline).
    const recorded = this.transitions.keySet();
    for (const row of this.rows.values()) if (!recorded.has(row.key)) this.record({ key: row.key, at: now, status: row.status, message: row.message });
    this.emit([...this.rows.values()], []);
    this.handle(startStepOutcome(this.deps.options.outcome, now.getTime(), [...this.rows.values()].map(toTracked)), now);
    // Decided already (stabilization 0 and every row Success): nothing to watch, nothing to release.
    if (this.finished) return this.done;
    this.watches = planWatches(objects);
    for (const watch of this.watches) this.subscribe(watch);
    return this.done;
  }

  /** Rows as they are now (the table a newly joining browser receives). */
  snapshot(): { seq: number; rows: ObjectRowView[] } {
    return { seq: this.sequence, rows: [...this.rows.values()].filter((row) => row.visible).map(toView) };
  }

  /** Ends tracking without a verdict (server shutdown): every watch subscription is released. */
  stop() {
    this.stopped = true;
    this.finish();
  }

  /** Resolves once every watch has delivered its first list and the rows were recomputed from it. */
  async whenSynced(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.synced.size < this.watches.length && Date.now() < deadline && !this.finished) await new Promise((resolve) => setTimeout(resolve, 25));
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.finished) this.flush();
  }

  private subscribe(watch: PlannedWatch) {
    if (this.finished) return;
    const key = watchKey(watch);
    const what = `${watch.resource.plural}${watch.namespace ? ` in ${watch.namespace}` : ""}`;
    this.unsubscribes.push(
      this.deps.hub.subscribe(this.deps.clusterKey, watch.resource, watch.namespace, {
        onEvent: (type, object) => this.onEvent(watch, type, object),
        onStatus: (status) => {
          if (this.finished) return;
          if (status.synced) this.synced.add(key);
          const before = this.streamErrors.get(key);
          const error = status.error;
          if (error) this.streamErrors.set(key, { message: error.message, since: error.since, code: error.code, stalled: error.stalled });
          else this.streamErrors.delete(key);
          if (error && before?.message !== error.message)
            this.deps.sink.onLog(
              "warning",
              error.stalled
                ? `Watching ${what} stalled: ${error.message}; their state is unknown since ${clockTime(error.since)}.`
                : `Watching ${what} failed: ${error.message}; their state is unknown since ${clockTime(error.since)}.`,
              this.now(),
            );
          if (!error && before) {
            const now = this.now();
            this.deps.sink.onLog(
              "info",
              `Watching ${what} recovered at ${clockTime(now.getTime())} (state was unknown since ${clockTime(before.since)}, ${Math.round((now.getTime() - before.since) / 1000)} s).`,
              now,
            );
          }
          if (before?.message !== error?.message || status.synced) {
            for (const row of this.rows.values()) if (row.parentKey === null || row.kind === watch.resource.kind) this.dirty.add(row.key);
            this.scheduleFlush();
          }
        },
      }),
    );
  }

  private onEvent(watch: PlannedWatch, type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject) {
    if (this.finished) return;
    this.firstPendingEventAt ??= this.deps.clock.now();
    this.index.apply(type, object);
    const top = this.topByName.get(`${resourceKey(watch.resource)}|${object.metadata.namespace ?? ""}|${object.metadata.name}`);
    if (top) {
      if (type === "DELETED") this.topObjects.delete(top.key);
      else {
        this.topObjects.set(top.key, object);
        this.keyByUid.set(object.metadata.uid, top.key);
        this.attachChildren(top.key, object.metadata.uid, 1);
      }
      this.dirty.add(top.key);
    }
    if (watch.resource === STORAGE_CLASS) for (const row of this.rows.values()) if (row.kind === "PersistentVolumeClaim") this.dirty.add(row.key);
    const parentKey = this.parentKeyOf(object);
    const existing = this.keyOf(object.metadata.uid);
    if (existing && existing !== top?.key) {
      if (type === "DELETED") this.removeRow(existing);
      else this.dirty.add(existing);
    } else if (!existing && parentKey && type !== "DELETED") {
      this.addChildRow(object, parentKey);
    }
    if (parentKey) this.markAncestors(parentKey);
    this.scheduleFlush();
  }

  private parentKeyOf(object: KubeObject): string | undefined {
    if (object.kind === "EndpointSlice") {
      const service = (object.metadata.labels as Record<string, string> | undefined)?.["kubernetes.io/service-name"];
      const top = service ? this.topByName.get(`/v1/services|${object.metadata.namespace ?? ""}|${service}`) : undefined;
      return top?.key;
    }
    const owner = ownerUidOf(object as DomainObject);
    return owner ? this.keyOf(owner) : undefined;
  }

  /** The row key of an object uid: a top-level row's key, or the uid of a child row. */
  private keyOf(uid: string): string | undefined {
    return this.keyByUid.get(uid) ?? (this.rows.get(uid)?.parentKey ? uid : undefined);
  }

  /** One ISO string per clock time: the rows changed in one batch share it. */
  private iso(date: Date): string {
    const ms = date.getTime();
    if (this.lastIso.ms !== ms) this.lastIso = { ms, text: date.toISOString() };
    return this.lastIso.text;
  }

  private word(text: string): string {
    const known = this.words.get(text);
    if (known !== undefined) return known;
    if (this.words.size >= 20_000) this.words = new Map();
    this.words.set(text, text);
    return text;
  }

  private addChildRow(object: KubeObject, parentKey: string) {
    const parent = this.rows.get(parentKey);
    if (!parent) return;
    const uid = object.metadata.uid;
    this.rows.set(uid, {
      key: uid,
      uid,
      parentKey,
      apiVersion: object.apiVersion ?? "",
      kind: object.kind ?? "",
      namespace: object.metadata.namespace ?? "",
      name: object.metadata.name,
      status: "InProgress",
      message: "",
      summary: "",
      lastChangeAt: this.iso(this.now()),
      depth: parent.depth + 1,
      visible: true,
      // Set on the first recompute: in the literal, so the row keeps all its fields in one object.
      cause: undefined,
    });
    let siblings = this.childKeys.get(parentKey);
    if (!siblings) this.childKeys.set(parentKey, (siblings = new Set()));
    siblings.add(uid);
    this.problems.add(uid, parentKey);
    this.dirty.add(uid);
    this.attachChildren(uid, uid, parent.depth + 2);
  }

  /** Children that arrived before their parent became a row. */
  private attachChildren(parentKey: string, parentUid: string, _depth: number) {
    for (const childUid of this.index.childrenOf(parentUid)) {
      const child = this.index.get(childUid);
      if (child && this.keyOf(childUid) === undefined) this.addChildRow(child, parentKey);
    }
  }

  private removeRow(key: string) {
    const row = this.rows.get(key);
    if (!row) return;
    for (const childKey of [...(this.childKeys.get(key) ?? [])]) this.removeRow(childKey);
    this.childKeys.delete(key);
    this.problems.remove(key);
    if (row.parentKey) this.childKeys.get(row.parentKey)?.delete(key);
    this.rows.delete(key);
    if (row.uid) this.keyByUid.delete(row.uid);
    this.dirty.delete(key);
    if (row.visible) this.removed.add(key);
    if (row.parentKey) this.markAncestors(row.parentKey);
  }

  private markAncestors(key: string | null) {
    for (let current = key; current; current = this.rows.get(current)?.parentKey ?? null) this.dirty.add(current);
  }

  private scheduleFlush() {
    if (this.flushScheduled || this.finished) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.finished) this.flush();
    });
  }

  private flush() {
    const now = this.now();
    const changed = this.recomputeDirty(now);
    const removals = [...this.removed];
    this.removed.clear();
    if (changed.length === 0 && removals.length === 0) return;
    this.emit(
      changed.filter((row) => row.visible),
      removals,
    );
    this.handle(reduceStepOutcome(this.outcome, { type: "rowsChanged", now: now.getTime(), upserts: changed.map(toTracked), removedKeys: removals }), now);
  }

  /** Recomputes dirty rows deepest first; returns the rows that changed (visibility included). */
  private recomputeDirty(now: Date): Row[] {
    const dirty = [...this.dirty].map((key) => this.rows.get(key)).filter((row): row is Row => Boolean(row));
    this.dirty.clear();
    dirty.sort((a, b) => b.depth - a.depth);
    const changed: Row[] = [];
    for (const row of dirty) {
      const object = row.parentKey === null ? this.topObjects.get(row.key) : row.uid ? this.index.get(row.uid) : undefined;
      const computed = computeObjectStatus(object as DomainObject | undefined, {
        waitForJobs: this.deps.options.waitForJobs,
        descendantProblems: () => this.problems.describe(row.key),
        endpointSlices: row.kind === "Service" ? (this.index.slicesOf(row.namespace, row.name) as DomainObject[]) : undefined,
        storageClassBindingMode: (name) => {
          const storageClass = this.index.storageClass(name) as { volumeBindingMode?: string } | undefined;
          return storageClass?.volumeBindingMode === "WaitForFirstConsumer" ? "WaitForFirstConsumer" : storageClass ? "Immediate" : undefined;
        },
      });
      let message = this.word(this.streamErrors.size ? this.withWatchProblems(row, object, computed.message) : computed.message);
      const summary = this.word(computed.summary);
      const status: RowStatus = row.forced ?? computed.status;
      if (row.forced) message = row.forcedMessage ?? message;
      const visible =
        row.kind === "ReplicaSet" && object
          ? isReplicaSetShown(object as DomainObject, {
              ownedPodCount: this.index.childCount(row.uid ?? ""),
              deploymentRevision: this.deploymentRevisionOf(row),
            })
          : true;
      const statusChanged = status !== row.status;
      // A top row takes its object's real uid once seen (a Helm row starts with its key as a
      // stand-in; the drawer's events, the database and the exports carry the row's uid).
      const uid = row.parentKey === null && object?.metadata.uid ? object.metadata.uid : row.uid;
      const uidChanged = uid !== row.uid;
      row.uid = uid;
      if (statusChanged || message !== row.message || summary !== row.summary || visible !== row.visible || !row.lastChangeAt) {
        if (statusChanged) this.record({ key: row.key, at: now, status, message });
        if (row.visible && !visible) this.removed.add(row.key);
        Object.assign(row, { status, message, summary, cause: computed.cause, visible, lastChangeAt: this.iso(now) });
        this.problems.set(row.key, row.kind, row.status, row.cause);
        changed.push(row);
      } else if (uidChanged) changed.push(row);
    }
    this.settleResumed(now);
    return changed;
  }

  private deploymentRevisionOf(row: Row): string | undefined {
    const parent = row.parentKey ? this.topObjects.get(row.parentKey) : undefined;
    return (parent?.metadata.annotations as Record<string, string> | undefined)?.["deployment.kubernetes.io/revision"];
  }

  /** The watch that delivers a row's own object. */
  private ownWatch(row: Row): PlannedWatch | undefined {
    return this.watches.find((w) => w.resource.kind === row.kind && (w.namespace ?? "") === (w.resource.namespaced ? row.namespace : ""));
  }

  /** Rows whose watch is down say since when their state is unknown; top-level rows also name their children's watches. */
  private withWatchProblems(row: Row, object: KubeObject | undefined, message: string): string {
    const own = this.ownWatch(row);
    const ownError = own ? this.streamErrors.get(watchKey(own)) : undefined;
    const unknown = (watch: PlannedWatch, error: StreamError) =>
      `state unknown since ${clockTime(error.since)}: cannot watch ${watch.resource.plural} (${error.message})`;
    if (!object && ownError) return `State unknown since ${clockTime(ownError.since)}: cannot watch ${own!.resource.plural} (${ownError.message})`;
    const problems: string[] = [];
    if (own && ownError) problems.push(unknown(own, ownError));
    if (row.parentKey === null)
      for (const watch of this.watches) {
        const related = watch.namespace === row.namespace || (watch.resource === STORAGE_CLASS && row.kind === "PersistentVolumeClaim");
        const error = watch !== own && related ? this.streamErrors.get(watchKey(watch)) : undefined;
        if (error) problems.push(unknown(watch, error));
      }
    return problems.length ? `${message}; ${problems.join("; ")}` : message;
  }

  /** The watches down right now, in one sentence; "unreachable" when every watch fails below HTTP. */
  private watchProblem(): string | undefined {
    const down = this.watches.map((watch) => [watch, this.streamErrors.get(watchKey(watch))] as const).filter(([, error]) => error);
    if (down.length === 0) return undefined;
    const since = Math.min(...down.map(([, error]) => error!.since));
    if (down.length === this.watches.length && down.every(([, error]) => error!.code === undefined))
      return `The cluster was unreachable since ${clockTime(since)}: every watch failed (${[...new Set(down.map(([, error]) => error!.message))].join("; ")})`;
    return `State unknown since ${clockTime(since)}: ${down
      .map(([watch, error]) => `cannot watch ${watch.resource.plural}${watch.namespace ? ` in ${watch.namespace}` : ""} (${error!.message})`)
      .join("; ")}`;
  }

  private handle(transition: OutcomeTransition, now: Date) {
    this.outcome = transition.state;
    const forcedRows: Row[] = [];
    for (const effect of transition.effects) this.applyEffect(effect, forcedRows);
    if (forcedRows.length)
      this.emit(
        forcedRows.filter((row) => row.visible),
        [],
      );
    // Re-armed only when the deadline moves: every event batch passes here, and an unref'd Node
    // timer cancelled leaves its duration's empty timer list alive until that duration elapses
    // (lib/internal/timers.js keeps unref'd lists), one list per distinct delay: 6,701 lists,
    // 161 bytes per tracked row, in the bench's rollout of 300 Deployments.
    const wakeAt = isFinal(this.outcome) ? null : transition.nextWakeAt;
    if (this.wake && this.wake.at !== wakeAt) {
      this.wake.cancel();
      this.wake = undefined;
    }
    if (isFinal(this.outcome)) return this.finish();
    if (wakeAt !== null && !this.wake) {
      const timer = this.deps.clock.after(Math.max(0, wakeAt - now.getTime()), () => {
        if (this.wake === armed) this.wake = undefined;
        if (this.finished) return;
        const at = this.now();
        this.handle(reduceStepOutcome(this.outcome, { type: "timePassed", now: at.getTime() }), at);
      });
      const armed = { at: wakeAt, cancel: () => timer.cancel() };
      this.wake = armed;
    }
  }

  private applyEffect(effect: OutcomeEffect, forcedRows: Row[]) {
    const at = new Date(effect.at);
    const log = this.deps.sink.onLog;
    const name = (key: string) => {
      const row = this.rows.get(key);
      return row ? describeRow(row) : key;
    };
    switch (effect.type) {
      case "topLevelStatusChanged":
        log(
          effect.to === "Error" ? "error" : "info",
          `${name(effect.key)}: ${effect.from ?? "new"} → ${effect.to}${effect.message ? ` (${effect.message})` : ""}`,
          at,
        );
        break;
      case "stabilizationStarted":
        log("info", `Desired state reached: every object is Success. Stabilizing for ${Math.round((effect.until - effect.at) / 1000)} s.`, at);
        this.deps.sink.onPhase?.({ name: "stabilizing", until: new Date(effect.until) });
        break;
      case "stabilizationReset":
        log("warning", `Stabilization reset: ${name(effect.key)} left Success (${effect.status}: ${effect.message}).`, at);
        this.deps.sink.onPhase?.({ name: "tracking" });
        break;
      case "rowEscalatedToError":
      case "rowsTimedOut": {
        const keys = effect.type === "rowsTimedOut" ? effect.keys : [effect.key];
        for (const key of keys) {
          const row = this.rows.get(key);
          if (!row) continue;
          row.forced = effect.type === "rowsTimedOut" ? "TimedOut" : "Error";
          row.forcedMessage = effect.type === "rowsTimedOut" ? `Timed out while in progress: ${row.message}` : effect.message;
          row.status = row.forced;
          row.message = row.forcedMessage;
          this.problems.set(key, row.kind, row.status, row.cause);
          row.lastChangeAt = this.iso(at);
          this.resumed.delete(key);
          this.transitions.push({ key, at, status: row.status, message: row.message });
          forcedRows.push(row);
        }
        if (effect.type === "rowEscalatedToError") log("error", `${name(effect.key)}: ${effect.message}`, at);
        break;
      }
      case "succeeded":
        log("info", "Step verification passed: every object stayed Success for the whole stabilization period.", at);
        break;
      case "failed": {
        const problem = this.watchProblem();
        log(
          "error",
          (effect.reason === "error"
            ? "Step failed: an object reached Error."
            : effect.reason === "timeout"
              ? "Step timed out while objects were still in progress."
              : "Step timed out during the stabilization period.") + (problem ? ` ${problem}.` : ""),
          at,
        );
        break;
      }
    }
  }

  private emit(upserts: Row[], removals: string[]) {
    if (upserts.length === 0 && removals.length === 0) return;
    this.sequence++;
    const eventLagMs = this.firstPendingEventAt === undefined ? undefined : this.deps.clock.now() - this.firstPendingEventAt;
    this.firstPendingEventAt = undefined;
    this.deps.sink.onRows({ stepRunId: this.deps.stepRunId, seq: this.sequence, upserts: upserts.map(toView), removals }, eventLagMs);
  }

  private finish() {
    if (this.finished) return;
    this.finished = true;
    this.wake?.cancel();
    this.wake = undefined;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    const phase = this.outcome?.phase;
    const failed = phase?.name === "failed" ? phase : undefined;
    const result: TrackerResult = {
      outcome:
        !phase || phase.name === "succeeded" ? "Succeeded" : failed && failed.reason !== "error" ? "TimedOut" : phase.name === "failed" ? "Failed" : "Failed",
      reason: failed?.reason,
      blockingKeys: failed ? [...failed.blockingKeys] : [],
      rows: [...this.rows.values()].filter((row) => row.visible).map(toView),
      transitions: this.transitions.all(),
      finishedAt: this.now(),
      lastSequence: this.sequence,
      observed: this.observedObjects(),
      watchProblem: this.watchProblem(),
      ...(this.stopped ? { stopped: true } : {}),
    };
    // The result holds what is kept; the cluster objects seen are let go at once (a caller that
    // still holds the tracker must not keep every watched object alive).
    this.index.clear();
    this.words.clear();
    this.problems.clear();
    this.topObjects.clear();
    this.streamErrors.clear();
    this.synced.clear();
    this.dirty.clear();
    this.removed.clear();
    this.resolveDone(result);
  }

  /** Cluster objects and subscriptions this tracker still holds (0 and 0 once it ended). */
  get retained(): { objects: number; subscriptions: number } {
    return { objects: this.index.size + this.topObjects.size, subscriptions: this.unsubscribes.length };
  }

  private observedObjects(): Map<string, unknown> {
    const observed = new Map<string, unknown>();
    for (const row of this.rows.values()) {
      if (!row.visible || (row.parentKey !== null && row.status === "Success")) continue;
      const object = row.parentKey === null ? this.topObjects.get(row.key) : row.uid ? this.index.get(row.uid) : undefined;
      if (object) observed.set(row.key, sanitizeObject(object));
    }
    return observed;
  }

  /** The status changes of one row so far (for the details drawer while the step runs). */
  transitionsOf(key: string): StatusTransition[] {
    return this.transitions.of(key);
  }

  /** This tracker's status changes from the `index`-th on (the checkpointer writes them with the rows). */
  transitionsFrom(index: number): StatusTransition[] {
    return this.transitions.from(index);
  }

  /**
   * The API path of a row's object (its watch's resource, namespace and name): the drawer of a
   * running step reads the whole object there, since the tracker keeps only a projection of it.
   */
  objectPath(key: string): string | undefined {
    const row = this.rows.get(key);
    if (!row) return undefined;
    const resource = row.parentKey === null ? [...this.topByName.values()].find((top) => top.key === key)?.resource : this.ownWatch(row)?.resource;
    return resource ? `${collectionPath(resource, row.namespace || undefined)}/${encodeURIComponent(row.name)}` : undefined;
  }

  /** The last observed object of a row as the watch keeps it (projected: for the details drawer while the step runs). */
  observedObject(key: string): unknown {
    const row = this.rows.get(key);
    if (!row) return undefined;
    const object = row.parentKey === null ? this.topObjects.get(row.key) : row.uid ? this.index.get(row.uid) : undefined;
    return object ? sanitizeObject(object) : undefined;
  }

  private now() {
    return new Date(this.deps.clock.now());
  }
}

function toView(row: Row): ObjectRowView {
  return {
    key: row.key,
    uid: row.uid,
    parentKey: row.parentKey,
    apiVersion: row.apiVersion,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    status: row.status,
    message: row.message,
    summary: row.summary,
    lastChangeAt: row.lastChangeAt,
  };
}

function toTracked(row: Row): TrackedRow {
  return {
    key: row.key,
    parentKey: row.parentKey,
    kind: row.kind,
    namespace: row.namespace || undefined,
    name: row.name,
    status: row.status,
    message: row.message,
  };
}
