// Query strings → plain objects for the zod schemas (a repeated key keeps its last value).
export const queryParams = (request: Request): Record<string, string> => Object.fromEntries(new URL(request.url).searchParams);
