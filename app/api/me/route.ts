import { route } from "@/server/http/route.ts";

/** Who the request is, with roles (the browser hides what they may not do). */
export const GET = route("self", async ({ principal }) => principal);
