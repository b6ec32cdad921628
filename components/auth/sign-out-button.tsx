"use client";
// Ends the session on the server (better-auth deletes the session row), then goes to sign-in.
import { useState } from "react";

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
    window.location.assign("/sign-in");
  };
  return (
    <button type="button" onClick={signOut} disabled={busy} className="text-sm text-slate-600 hover:text-slate-900 disabled:text-slate-400">
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}
