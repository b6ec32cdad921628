import type { Metadata } from "next";
import { appContext } from "@/server/context.ts";
import { getEnvironment } from "@/server/process/environments.ts";
import { orNotFound } from "@/components/projects/or-not-found.ts";
import { Breadcrumbs } from "@/components/projects/breadcrumbs.tsx";
import { EnvironmentForm } from "@/components/environments/environment-form.tsx";
import { DeleteEnvironmentButton } from "@/components/environments/delete-environment-button.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ environmentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePagePermission("environment:write");
  const environment = await orNotFound(getEnvironment(appContext().db, (await params).environmentId));
  return { title: environment.name };
}

export default async function EditEnvironmentPage({ params }: Props) {
  await requirePagePermission("environment:write");
  const environment = await orNotFound(getEnvironment(appContext().db, (await params).environmentId));
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Breadcrumbs items={[{ label: "Environments", href: "/environments" }, { label: environment.name }]} />
        <h1 className="text-2xl font-semibold">{environment.name}</h1>
      </div>
      <EnvironmentForm key={environment.version} environment={environment} />
      <section aria-labelledby="danger-heading" className="flex flex-col gap-3 rounded-lg border border-red-200 bg-white p-5 shadow-sm">
        <h2 id="danger-heading" className="text-base font-semibold text-red-800">
          Delete
        </h2>
        <DeleteEnvironmentButton environmentId={environment.id} name={environment.name} />
      </section>
    </div>
  );
}
