// Headers the custom server (server/index.ts) sets on every request before Next sees it,
// overwriting any value a client sent.
/** The request path, so a signed-out visitor can be sent to sign-in and back. */
export const REQUEST_PATH_HEADER = "x-kdeploy-path";
