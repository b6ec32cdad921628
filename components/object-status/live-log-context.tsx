"use client";
// Task log lines streamed over the shared socket ("log:lines"), per step run, for the task log
// tab. The page still renders the stored lines; these are merged in by seq, so a line that came
// both ways is shown once. Joins the deployment's room only while `active`.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { ServerToClientEvents } from "@/server/contracts/live.ts";
import type { LogLineView } from "@/server/contracts/projects.ts";
import { acquireLiveSocket, enterRoom, leaveRoom, releaseLiveSocket } from "./live-socket.ts";

type StreamedLines = Readonly<Record<string, readonly LogLineView[]>>;

const LiveLogContext = createContext<StreamedLines>({});

export function LiveLogProvider({ deploymentId, active, children }: { deploymentId: string; active: boolean; children: ReactNode }) {
  const [lines, setLines] = useState<StreamedLines>({});

  useEffect(() => {
    if (!active) return;
    const socket = acquireLiveSocket();
    enterRoom(socket, deploymentId);
    // Joining again is harmless (the server answers every join with what the socket lacks).
    const join = () => socket.emit("deployment:join", { deploymentId }, () => undefined);
    const onLines: ServerToClientEvents["log:lines"] = ({ deploymentId: id, stepRunId, lines: incoming }) => {
      if (id !== deploymentId) return;
      setLines((current) => ({ ...current, [stepRunId]: [...(current[stepRunId] ?? []), ...incoming] }));
    };
    socket.on("connect", join);
    socket.on("log:lines", onLines);
    if (socket.connected) join();
    return () => {
      socket.off("connect", join);
      socket.off("log:lines", onLines);
      leaveRoom(socket, deploymentId);
      releaseLiveSocket(socket);
    };
  }, [deploymentId, active]);

  return <LiveLogContext.Provider value={lines}>{children}</LiveLogContext.Provider>;
}

/** The stored lines of a step run plus the streamed ones, in seq order, each once. */
export function useStepLogLines(stepRunId: string, stored: readonly LogLineView[]): LogLineView[] {
  const streamed = useContext(LiveLogContext)[stepRunId];
  if (!streamed || streamed.length === 0) return [...stored];
  const bySeq = new Map<number, LogLineView>();
  for (const line of stored) bySeq.set(line.seq, line);
  for (const line of streamed) if (!bySeq.has(line.seq)) bySeq.set(line.seq, line);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
