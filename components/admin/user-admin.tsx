"use client";
// The administrator's list of people: who has which role, how they sign in, and edits per user.
import { Fragment, useState } from "react";
import { ROLE_LABELS } from "@/server/auth/permissions.ts";
import type { UserView } from "@/server/contracts/users.ts";
import { Button } from "@/components/ui/button.tsx";
import { NewUserForm } from "./new-user-form.tsx";
import { UserRowEditor } from "./user-row-editor.tsx";
import type { EnvironmentOption } from "./role-picker.tsx";

export function UserAdmin({ initial, environments, currentUserId }: { initial: UserView[]; environments: EnvironmentOption[]; currentUserId: string }) {
  const [users, setUsers] = useState(initial);
  const [editing, setEditing] = useState<string>();
  const [adding, setAdding] = useState(false);
  const names = new Map(environments.map((environment) => [environment.id, environment.name]));
  const replace = (user: UserView) => setUsers(users.map((candidate) => (candidate.id === user.id ? user : candidate)));

  return (
    <div className="flex flex-col gap-4">
      <div>
        <Button variant={adding ? "secondary" : "primary"} onClick={() => setAdding(!adding)} aria-expanded={adding}>
          {adding ? "Close" : "Add user"}
        </Button>
      </div>
      {adding ? (
        <NewUserForm
          environments={environments}
          onCreated={(user) => {
            setUsers([...users, user].sort((a, b) => a.email.localeCompare(b.email)));
            setAdding(false);
          }}
        />
      ) : null}
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2">Name</th>
            <th>Email</th>
            <th>Roles</th>
            <th>Signs in with</th>
            <th>Sessions</th>
            <th className="sr-only">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <Fragment key={user.id}>
              <tr className={`border-b border-slate-100 ${user.disabled ? "text-slate-400" : ""}`}>
                <td className="py-2 font-medium">
                  {user.name}
                  {user.id === currentUserId ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
                  {user.disabled ? <span className="ml-1 text-xs text-red-700">disabled</span> : null}
                </td>
                <td>{user.email}</td>
                <td>
                  {user.roles.map((role) => ROLE_LABELS[role]).join(", ") || <span className="text-amber-700">No role</span>}
                  {user.roles.includes("release-manager") && user.deployEnvironmentIds ? (
                    <span className="block text-xs text-slate-500">
                      deploys to {user.deployEnvironmentIds.map((id) => names.get(id) ?? id).join(", ") || "no environment"}
                    </span>
                  ) : null}
                  {user.oidcGroups.length ? <span className="block text-xs text-slate-500">groups: {user.oidcGroups.join(", ")}</span> : null}
                </td>
                <td>{user.signInMethods.join(", ")}</td>
                <td>{user.activeSessions}</td>
                <td className="text-right">
                  <Button
                    variant="ghost"
                    onClick={() => setEditing(editing === user.id ? undefined : user.id)}
                    aria-expanded={editing === user.id}
                    aria-label={`Edit ${user.name}`}
                  >
                    {editing === user.id ? "Close" : "Edit"}
                  </Button>
                </td>
              </tr>
              {editing === user.id ? (
                <tr>
                  <td colSpan={6} className="py-2">
                    <UserRowEditor user={user} environments={environments} onSaved={replace} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
