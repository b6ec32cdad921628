"use client";
// Email and password sign-in (better-auth's endpoint), and the organisation's single sign-on when
// it is configured. Errors say what to do; the rate limit says how long to wait.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Field, inputClass } from "@/components/ui/field.tsx";
import { Notice } from "@/components/ui/notice.tsx";
import { safeNext } from "./safe-next.ts";

type Props = { next: string; oidcName?: string; initialError?: string };

export function SignInForm({ next, oidcName, initialError }: Props) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>(initialError);
  const [busy, setBusy] = useState(false);

  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password, rememberMe: false }),
      });
      if (response.ok) {
        window.location.assign(safeNext(next));
        return;
      }
      setError(await signInError(response));
    } catch {
      setError("The server could not be reached. Check your connection and try again.");
    }
    setBusy(false);
  };

  const singleSignOn = async () => {
    setBusy(true);
    setError(undefined);
    // better-auth 1.7 serves generic OAuth providers through its social sign-in endpoint.
    const response = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: safeNext(next), errorCallbackURL: "/sign-in?error=sso", disableRedirect: true }),
    });
    const body = (await response.json().catch(() => ({}))) as { url?: string; message?: string };
    if (response.ok && body.url) {
      window.location.assign(body.url);
      return;
    }
    setError(body.message ?? "Single sign-on is not available right now.");
    setBusy(false);
  };

  return (
    <div className="flex flex-col gap-5">
      {error ? <Notice tone="error">{error}</Notice> : null}
      <form onSubmit={signIn} className="flex flex-col gap-4" noValidate>
        <Field label="Email">
          {(props) => (
            <input
              {...props}
              type="email"
              name="email"
              autoComplete="username"
              required
              className={inputClass}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {(props) => (
            <input
              {...props}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              className={inputClass}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={busy || !email || !password} className="justify-center">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidcName ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-500">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button onClick={singleSignOn} disabled={busy} className="justify-center">
            Sign in with {oidcName}
          </Button>
        </>
      ) : null}
    </div>
  );
}

async function signInError(response: Response): Promise<string> {
  if (response.status === 429) {
    const wait = Number(response.headers.get("x-retry-after") ?? "60");
    return `Too many sign-in attempts. Wait ${Number.isFinite(wait) && wait > 0 ? wait : 60} seconds and try again.`;
  }
  const body = (await response.json().catch(() => ({}))) as { message?: string; code?: string };
  if (response.status === 401) return "Wrong email or password.";
  if (response.status === 403) return body.message ?? "This account may not sign in.";
  return body.message ?? `Sign-in failed (HTTP ${response.status}).`;
}
