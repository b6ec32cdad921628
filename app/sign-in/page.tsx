import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { loadConfig } from "@/server/config.ts";
import { pagePrincipal } from "@/server/auth/page-auth.ts";
import { setupPending } from "@/server/auth/first-run.ts";
import { appContext } from "@/server/context.ts";
import { SignInForm } from "@/components/auth/sign-in-form.tsx";
import { safeNext } from "@/components/auth/safe-next.ts";
import { Notice } from "@/components/ui/notice.tsx";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ next?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { next, error } = await searchParams;
  if (await pagePrincipal()) redirect(safeNext(next));
  const oidc = loadConfig().oidc;
  const firstRun = await setupPending(appContext().db);
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6 pt-8">
      <div>
        <h1 className="text-2xl font-semibold">Sign in to kdeploy</h1>
        <p className="mt-1 text-sm text-slate-600">Use the account an administrator gave you{oidc ? `, or ${oidc.name}` : ""}.</p>
      </div>
      {firstRun ? (
        <Notice tone="info" title="No users yet">
          Open the one-time setup link printed on the server&apos;s console when it started to create the first administrator.
        </Notice>
      ) : null}
      <SignInForm
        next={safeNext(next)}
        oidcName={oidc?.name}
        initialError={error ? "Single sign-on did not complete. Try again, or ask an administrator." : undefined}
      />
    </div>
  );
}
