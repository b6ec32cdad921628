import type { Metadata } from "next";
import { NewProjectForm } from "@/components/projects/new-project-form.tsx";
import { requirePagePermission } from "@/server/auth/page-auth.ts";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  await requirePagePermission("project:write");
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">New project</h1>
      <NewProjectForm />
    </div>
  );
}
