import { route, readBody } from "@/server/http/route.ts";
import { importInput } from "@/server/contracts/process-document.ts";
import { importProcess } from "@/server/process/import-export.ts";

export const POST = route("project:write", async ({ request, context, params }) => {
  const input = await readBody(request, importInput);
  return importProcess(context.db, context.sealer, params.projectId!, input.content);
});
