// Server-side loading for the step pages: an unknown project or step id renders Next's 404.
import { notFound } from "next/navigation";
import { NotFoundError } from "@/server/errors.ts";

export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
