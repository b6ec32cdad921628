"use client";
// Every step's object table of one deployment, kept live.
//
// First the tables come from REST (`GET /api/deployments/:id/objects`, or the caller's props);
// finished deployments stop there and never open a socket. While anything can still change, a
// Socket.IO connection joins the deployment's room and feeds snapshots and deltas through the
// row reducer (a step's snapshot arrives in parts, applied once complete). Every (re)connect
// re-joins with `since` = the last seq held per step, and so does a sequence gap, so the server can
// fill the hole or send a fresh snapshot of the step.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ServerToClientEvents, StepTableSnapshot } from "@/server/contracts/live.ts";
import { api, ApiError } from "@/components/api-client.ts";
import { acquireLiveSocket, enterRoom, leaveRoom, releaseLiveSocket } from "./live-socket.ts";
import { emptyTables, everyStepSettled, reduceTables, resumePoints, type LiveTables, type TableAction } from "./row-reducer.ts";

/** "not-needed": the deployment is finished, its tables are frozen and no socket is open. */
export type ConnectionState = "not-needed" | "connecting" | "connected" | "reconnecting" | "offline";

export type LoadState = { kind: "loading" } | { kind: "ready" } | { kind: "error"; message: string };

export function useLiveDeployment(deploymentId: string, initialSteps?: StepTableSnapshot[]) {
  const [tables, setTables] = useState<LiveTables>(() =>
    initialSteps ? reduceTables(emptyTables, { type: "snapshot", steps: initialSteps }).state : emptyTables,
  );
  const tablesRef = useRef(tables);
  const [load, setLoad] = useState<LoadState>(initialSteps ? { kind: "ready" } : { kind: "loading" });
  const [loadAttempt, setLoadAttempt] = useState(initialSteps ? -1 : 0);
  // What the socket last reported; shown only while a socket is wanted.
  const [socketState, setSocketState] = useState<Exclude<ConnectionState, "not-needed">>("connecting");
  const [joinError, setJoinError] = useState<string | null>(null);

  // Reducer outside React's useReducer: socket handlers need the result at once (a gap triggers a
  // re-join), and the ref lets the join read the current `since` without re-subscribing.
  const dispatch = useCallback((action: TableAction): string[] => {
    const { state, resync } = reduceTables(tablesRef.current, action);
    // A snapshot part that only fills the buffer changes nothing on screen: no render for it.
    const shown = state.steps !== tablesRef.current.steps;
    tablesRef.current = state;
    if (shown) setTables(state);
    return resync;
  }, []);

  useEffect(() => {
    if (loadAttempt < 0) return;
    let cancelled = false;
    api<{ steps: StepTableSnapshot[] }>(`/api/deployments/${encodeURIComponent(deploymentId)}/objects`).then(
      (body) => {
        if (cancelled) return;
        dispatch({ type: "snapshot", steps: body.steps });
        setLoad({ kind: "ready" });
      },
      (error: unknown) => {
        if (cancelled) return;
        setLoad({ kind: "error", message: error instanceof ApiError || error instanceof Error ? error.message : "The object tables could not be loaded." });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [deploymentId, loadAttempt, dispatch]);

  // The server announces a freeze without waiting for its last batched deltas: re-read the
  // stored tables then, so the frozen table is exactly what a reload shows. Only frozen steps are
  // taken from the answer; live ones keep following the socket.
  const reloadFrozenSteps = useCallback(() => {
    api<{ steps: StepTableSnapshot[] }>(`/api/deployments/${encodeURIComponent(deploymentId)}/objects`).then(
      (body) => dispatch({ type: "snapshot", steps: body.steps.filter((step) => step.frozenAt) }),
      () => undefined, // The live table stays; a reload shows the stored one.
    );
  }, [deploymentId, dispatch]);

  const retry = useCallback(() => {
    setLoad({ kind: "loading" });
    setLoadAttempt((attempt) => attempt + 1);
  }, []);

  // Live only after the first tables arrived, and only while something can still change.
  const wantsSocket = load.kind === "ready" && !everyStepSettled(tables);

  useEffect(() => {
    if (!wantsSocket) return;
    const socket = acquireLiveSocket();
    enterRoom(socket, deploymentId);
    let resyncing = false;

    const join = () => {
      resyncing = true;
      socket.emit("deployment:join", { deploymentId, since: resumePoints(tablesRef.current) }, (result) => {
        resyncing = false;
        setJoinError(result.ok ? null : result.message);
      });
    };
    const connectionLost = () => setSocketState(socket.active ? "reconnecting" : "offline");

    const onConnect = () => {
      setSocketState("connected");
      // Parts of a snapshot cut off by the lost connection never complete: a fresh answer follows.
      dispatch({ type: "discard-parts" });
      join();
    };
    const onSnapshot: ServerToClientEvents["table:snapshot"] = ({ deploymentId: id, steps, part }) => {
      if (id !== deploymentId) return;
      // The last part applies the step's table and the batches that waited for it.
      const gaps = dispatch({ type: "snapshot", steps, part });
      if (gaps.length > 0 && !resyncing) join();
    };
    const onDelta: ServerToClientEvents["table:delta"] = ({ deploymentId: id, batches }) => {
      if (id !== deploymentId) return;
      const gaps = dispatch({ type: "delta", batches });
      // One re-join covers every step with a gap; later gapped batches wait for its answer.
      if (gaps.length > 0 && !resyncing) join();
    };
    const onStepStatus: ServerToClientEvents["step:status"] = ({ deploymentId: id, ...change }) => {
      if (id !== deploymentId) return;
      dispatch({ type: "step-status", ...change });
      if (change.frozenAt) reloadFrozenSteps();
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", connectionLost);
    socket.on("connect_error", connectionLost);
    socket.on("table:snapshot", onSnapshot);
    socket.on("table:delta", onDelta);
    socket.on("step:status", onStepStatus);
    // The shared socket may already be connected by another part of the page.
    if (socket.connected) onConnect();

    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", connectionLost);
      socket.off("connect_error", connectionLost);
      socket.off("table:snapshot", onSnapshot);
      socket.off("table:delta", onDelta);
      socket.off("step:status", onStepStatus);
      leaveRoom(socket, deploymentId);
      releaseLiveSocket(socket);
      setSocketState("connecting");
    };
  }, [wantsSocket, deploymentId, dispatch, reloadFrozenSteps]);

  const connection: ConnectionState = wantsSocket ? socketState : "not-needed";
  return { tables, load, retry, connection, joinError };
}
