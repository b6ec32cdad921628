"use client";
// An administrator creates a local account with an initial password and roles.
import { useState, type FormEvent } from "react";
import type { Role } from "@/server/auth/permissions.ts";
import type { UserView } from "@/server/contracts/users.ts";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { RolePicker, type EnvironmentOption } from "./role-picker.tsx";

export function NewUserForm({ environments, onCreated }: { environments: EnvironmentOption[]; onCreated: (user: UserView) => void }) {
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const [roles, setRoles] = useState<Role[]>(["team-member"]);
  const [scope, setScope] = useState<string[] | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string>();
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setError(undefined);
    try {
      const user = await api<UserView>("/api/users", { body: { ...values, roles, deployEnvironmentIds: scope } });
      onCreated(user);
      setValues({ name: "", email: "", password: "" });
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFields(caught.fieldErrors);
        setError(caught.message);
      } else setError("The server could not be reached.");
    }
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4" noValidate aria-label="New user">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Name" errors={fields.name}>
          {(props) => <input {...props} autoComplete="off" className={inputClass} value={values.name} onChange={set("name")} />}
        </Field>
        <Field label="Email" errors={fields.email}>
          {(props) => <input {...props} type="email" autoComplete="off" className={inputClass} value={values.email} onChange={set("email")} />}
        </Field>
        <Field label="Initial password" errors={fields.password} hint="At least 12 characters. Tell it to the person directly.">
          {(props) => (
            <input {...props} type="password" autoComplete="new-password" className={inputClass} value={values.password} onChange={set("password")} />
          )}
        </Field>
      </div>
      <RolePicker
        roles={roles}
        onRoles={setRoles}
        deployEnvironmentIds={scope}
        onDeployEnvironmentIds={setScope}
        environments={environments}
        idPrefix="new-user"
      />
      {fields.roles ? <p className="text-xs font-medium text-red-700">{fields.roles.join(" ")}</p> : null}
      <div>
        <Button type="submit" variant="primary">
          Create user
        </Button>
      </div>
    </form>
  );
}
