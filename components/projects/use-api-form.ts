"use client";
// The submit cycle every form shares: busy state, field errors from a 422, a general message otherwise.
import { useState } from "react";
import { ApiError } from "@/components/api-client.ts";

export type FormErrors = { fields: Record<string, string[]>; message: string | null; status: number | null };

const noErrors: FormErrors = { fields: {}, message: null, status: null };

export function useApiForm() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setErrors(noErrors);
    try {
      return await action();
    } catch (error) {
      setErrors(toFormErrors(error));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { busy, errors, setErrors, submit };
}

export function toFormErrors(error: unknown): FormErrors {
  if (error instanceof ApiError) {
    const fields = error.fieldErrors;
    const hasFields = Object.keys(fields).length > 0;
    return { fields, message: hasFields ? "Some fields are not valid; see the messages next to them." : error.body.message, status: error.status };
  }
  return { fields: {}, message: "The server could not be reached. Check your connection and try again.", status: null };
}
