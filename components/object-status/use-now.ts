"use client";
// The current time, re-read every `intervalMs`. One timer per interval is shared by every
// component that asks (a table of 200 rows showing "12 s ago" must not run 200 timers).
// Before hydration it is null, so server and browser render the same thing.
import { useSyncExternalStore } from "react";

type Clock = { subscribe: (listener: () => void) => () => void; read: () => number };
const clocks = new Map<number, Clock>();

function createClock(intervalMs: number): Clock {
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  const listeners = new Set<() => void>();
  return {
    read: () => now,
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        // React re-reads `read` after subscribing, so a clock idle for a while catches up at once.
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          listeners.forEach((notify) => notify());
        }, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
}

function clockFor(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    clock = createClock(intervalMs);
    clocks.set(intervalMs, clock);
  }
  return clock;
}

const beforeHydration = () => null;

export function useNow(intervalMs: number): number | null {
  const clock = clockFor(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.read, beforeHydration);
}
