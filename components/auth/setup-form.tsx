"use client";
// The first-run form: the first administrator's name, email and password, with the one-time
// token from the link printed on the server's console.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { readApiError } from "./field-errors.ts";

export function SetupForm({ token }: { token: string }) {
  const [values, setValues] = useState({ name: "", email: "", password: "", confirm: "" });
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.password !== values.confirm) {
      setFields({ confirm: ["The two passwords differ"] });
      return;
    }
    setBusy(true);
    setError(undefined);
    setFields({});
    const response = await fetch("/api/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, name: values.name, email: values.email, password: values.password }),
    });
    if (response.ok) {
      window.location.assign("/");
      return;
    }
    const problem = await readApiError(response);
    setFields(problem.fields);
    setError(problem.message);
    setBusy(false);
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field label="Your name" errors={fields.name}>
        {(props) => <input {...props} name="name" autoComplete="name" className={inputClass} value={values.name} onChange={set("name")} />}
      </Field>
      <Field label="Email" errors={fields.email}>
        {(props) => <input {...props} type="email" name="email" autoComplete="username" className={inputClass} value={values.email} onChange={set("email")} />}
      </Field>
      <Field label="Password" hint="At least 12 characters." errors={fields.password}>
        {(props) => (
          <input
            {...props}
            type="password"
            name="password"
            autoComplete="new-password"
            className={inputClass}
            value={values.password}
            onChange={set("password")}
          />
        )}
      </Field>
      <Field label="Password again" errors={fields.confirm}>
        {(props) => (
          <input
            {...props}
            type="password"
            name="confirm"
            autoComplete="new-password"
            className={inputClass}
            value={values.confirm}
            onChange={set("confirm")}
          />
        )}
      </Field>
      <Button type="submit" variant="primary" disabled={busy} className="justify-center">
        {busy ? "Creating…" : "Create administrator and sign in"}
      </Button>
    </form>
  );
}
