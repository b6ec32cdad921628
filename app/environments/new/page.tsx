import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/projects/breadcrumbs.tsx";
import { EnvironmentForm } from "@/components/environments/environment-form.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";

export const metadata: Metadata = { title: "New environment" };

export default async function NewEnvironmentPage() {
  await requirePagePermission("environment:write");
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumbs items={[{ label: "Environments", href: "/environments" }, { label: "New environment" }]} />
        <h1 className="text-2xl font-semibold">New environment</h1>
      </div>
      <EnvironmentForm />
    </div>
  );
}
