"use client";
// Streams the task log of the deployment this page shows (its id from the route) while any of
// its steps can still write lines; finished deployments open no socket.
import { useParams } from "next/navigation";
import type { ReactNode } from "react";
import { LiveLogProvider } from "./live-log-context.tsx";

export function LiveTaskLog({ active, children }: { active: boolean; children: ReactNode }) {
  const deploymentId = useParams<{ deploymentId?: string }>()?.deploymentId;
  if (!deploymentId) return children;
  return (
    <LiveLogProvider deploymentId={deploymentId} active={active}>
      {children}
    </LiveLogProvider>
  );
}
