// Server pages: a missing record becomes the 404 page instead of an error.
import { notFound } from "next/navigation";
import { NotFoundError } from "@/server/errors.ts";

export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
