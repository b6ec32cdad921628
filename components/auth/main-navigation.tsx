// The main navigation: only the places the signed-in user's roles may open; the entry of the
// page being shown is marked as current (CurrentPageLink).
import Link from "next/link";
import { can, ROLE_LABELS, type Principal } from "@/server/auth/permissions.ts";
import { CurrentPageLink } from "./current-page-link.tsx";
import { SignOutButton } from "./sign-out-button.tsx";

export function MainNavigation({ principal }: { principal?: Principal }) {
  return (
    <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-6 px-6 py-3">
      <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
        kdeploy
      </Link>
      {principal ? (
        <>
          {can(principal, "project:read") ? <CurrentPageLink href="/">Projects</CurrentPageLink> : null}
          {can(principal, "deployment:read") ? <CurrentPageLink href="/deployments">Deployments</CurrentPageLink> : null}
          {can(principal, "environment:read") ? <CurrentPageLink href="/environments">Environments</CurrentPageLink> : null}
          {can(principal, "audit:read") ? <CurrentPageLink href="/audit">Audit</CurrentPageLink> : null}
          {can(principal, "users:manage") ? <CurrentPageLink href="/admin/users">Users</CurrentPageLink> : null}
          {can(principal, "settings:manage") ? <CurrentPageLink href="/admin/settings">Settings</CurrentPageLink> : null}
          <span className="ml-auto flex items-center gap-4">
            <CurrentPageLink href="/account" title={principal.email}>
              {principal.name} <span className="text-xs text-slate-400">({principal.roles.map((role) => ROLE_LABELS[role]).join(", ") || "no role"})</span>
            </CurrentPageLink>
            <SignOutButton />
          </span>
        </>
      ) : null}
    </nav>
  );
}
