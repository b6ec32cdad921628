import type { Metadata } from "next";
import Link from "next/link";
import { appContext } from "@/server/context.ts";
import { setupPending } from "@/server/auth/first-run.ts";
import { SetupForm } from "@/components/auth/setup-form.tsx";
import { Notice } from "@/components/ui/notice.tsx";

export const metadata: Metadata = { title: "First administrator" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ token?: string }> };

export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const pending = await setupPending(appContext().db);
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6 pt-8">
      <div>
        <h1 className="text-2xl font-semibold">Create the first administrator</h1>
        <p className="mt-1 text-sm text-slate-600">The administrator adds environments and people, and gives each person a role.</p>
      </div>
      {!pending ? (
        <Notice tone="info" title="Setup is done">
          An administrator exists already.{" "}
          <Link href="/sign-in" className="font-medium underline">
            Sign in
          </Link>{" "}
          instead.
        </Notice>
      ) : !token ? (
        <Notice tone="warning" title="The setup link is incomplete">
          Open the exact link printed on the server&apos;s console when it started (it ends with ?token=…).
        </Notice>
      ) : (
        <SetupForm token={token} />
      )}
    </div>
  );
}
