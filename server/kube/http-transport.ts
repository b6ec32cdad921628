// The real WatchTransport: LIST with pagination and WATCH with bookmarks over HTTP, counting
// every request it sends.
import { createInterface } from "node:readline";
import type { KubeConfig } from "@kubernetes/client-node";
import { getJson, openStream, statusError, type ClientOptions, type RequestCounter } from "./http.ts";
import { collectionPath, type ResourceType } from "./resources.ts";
import { sanitizeObject } from "./sanitize.ts";
import type { KubeObject, WatchTransport } from "./watch-stream.ts";

// Secret values are dropped the moment an object is received: they never reach a cache,
// a row, the database or a browser. managedFields are dropped too (large, never shown).
const received = (object: KubeObject): KubeObject => sanitizeObject(object);

// The server ends each watch after this long; the stream then resumes from its resourceVersion.
// Shorter than the stream's stall window (WATCH_STALL_MS in watch-hub.ts), so a healthy watch is
// never silent for a whole window and silence means a dead connection: kube-apiserver sends a
// bookmark about every minute and 2 s before this timeout, but only once the resource type's
// resourceVersion moved on (a quiet type gets none, see watch-liveness.integration.test.ts);
// there the server's normal end of the watch after 60 s is the sign of life.
export const WATCH_TIMEOUT_SECONDS = 60;
const LIST_PAGE_SIZE = 500;

export function httpTransport(
  kubeConfig: KubeConfig,
  resource: ResourceType,
  namespace: string | undefined,
  counter?: RequestCounter,
  options: ClientOptions & { watchTimeoutSeconds?: number } = {},
): WatchTransport {
  const path = collectionPath(resource, namespace);
  const origin = kubeConfig.getCurrentCluster()?.server ?? "the API server";
  return {
    async list(signal) {
      const items: KubeObject[] = [];
      let continueToken: string | undefined;
      let resourceVersion: string;
      do {
        counter?.record("list");
        const page = await getJson<{ items: KubeObject[]; metadata: { resourceVersion: string; continue?: string } }>(
          kubeConfig,
          path,
          { limit: LIST_PAGE_SIZE, continue: continueToken },
          signal,
          options,
        );
        // Lists omit apiVersion/kind on items; the rules need them.
        for (const item of page.items)
          items.push(received({ apiVersion: resource.group ? `${resource.group}/${resource.version}` : resource.version, kind: resource.kind, ...item }));
        continueToken = page.metadata.continue || undefined;
        resourceVersion = page.metadata.resourceVersion;
      } while (continueToken);
      return { items, resourceVersion };
    },
    async watch(resourceVersion, signal, onEvent, onOpen) {
      counter?.record("watch");
      const response = await openStream(
        kubeConfig,
        path,
        { watch: true, resourceVersion, allowWatchBookmarks: true, timeoutSeconds: options.watchTimeoutSeconds ?? WATCH_TIMEOUT_SECONDS },
        signal,
        options,
      );
      if ((response.statusCode ?? 500) >= 400) {
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        throw statusError(response.statusCode ?? 500, Buffer.concat(chunks).toString("utf8"));
      }
      onOpen?.();
      const lines = createInterface({ input: response, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (!line.trim()) continue;
          const event = JSON.parse(line) as { type: string; object: KubeObject };
          onEvent(event.type, event.type === "ERROR" || event.type === "BOOKMARK" ? event.object : received(event.object));
        }
      } catch (error) {
        // A connection cut mid-watch fails the body with a bare "aborted": say what happened.
        if (signal.aborted || !(error instanceof Error) || (error as NodeJS.ErrnoException).code !== "ECONNRESET") throw error;
        throw new Error(`the connection to ${origin} was cut while watching (${error.message})`, { cause: error });
      }
    },
  };
}
