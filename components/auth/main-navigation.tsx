// The main navigation: only the places the signed-in user's roles may open.
import Link from "next/link";
import { can, ROLE_LABELS, type Principal } from "@/server/auth/permissions.ts";
import { SignOutButton } from "./sign-out-button.tsx";

const linkClass = "text-sm text-slate-600 hover:text-slate-900";

export function MainNavigation({ principal }: { principal?: Principal }) {
  return (
    <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-6 px-6 py-3">
      <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
        kdeploy
      </Link>
      {principal ? (
        <>
          {can(principal, "project:read") ? (
            <Link href="/" className={linkClass}>
              Projects
            </Link>
          ) : null}
          {can(principal, "deployment:read") ? (
            <Link href="/deployments" className={linkClass}>
              Deployments
            </Link>
          ) : null}
          {can(principal, "environment:read") ? (
            <Link href="/environments" className={linkClass}>
              Environments
            </Link>
          ) : null}
          {can(principal, "audit:read") ? (
            <Link href="/audit" className={linkClass}>
              Audit
            </Link>
          ) : null}
          {can(principal, "users:manage") ? (
            <Link href="/admin/users" className={linkClass}>
              Users
            </Link>
          ) : null}
          {can(principal, "settings:manage") ? (
            <Link href="/admin/settings" className={linkClass}>
              Settings
            </Link>
          ) : null}
          <span className="ml-auto flex items-center gap-4">
            <Link href="/account" className={linkClass} title={principal.email}>
              {principal.name} <span className="text-xs text-slate-400">({principal.roles.map((role) => ROLE_LABELS[role]).join(", ") || "no role"})</span>
            </Link>
            <SignOutButton />
          </span>
        </>
      ) : null}
    </nav>
  );
}
