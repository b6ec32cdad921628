// The typed Socket.IO contract shared by the server and the browser.
export type JoinAck = { ok: true } | { ok: false; message: string };

export type ClientToServerEvents = {
  "deployment:join": (payload: { deploymentId: string }, ack: (result: JoinAck) => void) => void;
  "deployment:leave": (payload: { deploymentId: string }) => void;
};

export type ServerToClientEvents = {
  /** Something about the deployment changed (status, a step's outcome): refetch its summary. */
  "deployment:changed": (payload: { deploymentId: string }) => void;
};
