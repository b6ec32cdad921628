"use client";
// One user's roles, deploy scope, password reset, disabling and sign-out-everywhere.
import { useState } from "react";
import type { UserView } from "@/server/contracts/users.ts";
import { api, ApiError } from "@/components/api-client.ts";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { RolePicker, type EnvironmentOption } from "./role-picker.tsx";

export function UserRowEditor({ user, environments, onSaved }: { user: UserView; environments: EnvironmentOption[]; onSaved: (user: UserView) => void }) {
  const [roles, setRoles] = useState(user.roles);
  const [scope, setScope] = useState(user.deployEnvironmentIds);
  const [password, setPassword] = useState("");
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string }>();

  const run = async (action: () => Promise<UserView | void>, done: string) => {
    setFields({});
    setMessage(undefined);
    try {
      const updated = await action();
      if (updated) onSaved(updated);
      setMessage({ tone: "success", text: done });
    } catch (caught) {
      if (caught instanceof ApiError) {
        setFields(caught.fieldErrors);
        setMessage({ tone: "error", text: caught.message });
      } else setMessage({ tone: "error", text: "The server could not be reached." });
    }
  };
  const patch = (body: object) => api<UserView>(`/api/users/${user.id}`, { method: "PATCH", body });

  return (
    <div className="flex flex-col gap-4 rounded-md border border-slate-200 bg-slate-50 p-4">
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <RolePicker
        roles={roles}
        onRoles={setRoles}
        deployEnvironmentIds={scope}
        onDeployEnvironmentIds={setScope}
        environments={environments}
        idPrefix={`user-${user.id}`}
      />
      <div>
        <Button
          variant="primary"
          onClick={() => run(() => patch({ roles, deployEnvironmentIds: scope }), "Roles saved. They apply to the user's next request.")}
        >
          Save roles
        </Button>
      </div>
      {user.signInMethods.includes("password") ? (
        <div className="flex flex-wrap items-end gap-3">
          <Field label="New password" errors={fields.password} className="w-72" hint="At least 12 characters; signs the user out everywhere.">
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="new-password"
                className={inputClass}
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          <Button
            className="mb-9"
            disabled={!password}
            onClick={() => run(() => patch({ password }).then((saved) => (setPassword(""), saved)), "Password changed.")}
          >
            Set password
          </Button>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-3">
        <Button
          onClick={() => run(() => api<void>(`/api/users/${user.id}/sessions`, { method: "DELETE" }).then(() => undefined), "Signed out of every browser.")}
        >
          Sign out everywhere
        </Button>
        <Button
          variant={user.disabled ? "secondary" : "danger"}
          onClick={() => run(() => patch({ disabled: !user.disabled }), user.disabled ? "User enabled." : "User disabled: sessions and tokens stop working.")}
        >
          {user.disabled ? "Enable user" : "Disable user"}
        </Button>
      </div>
    </div>
  );
}
