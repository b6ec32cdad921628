import type { Metadata } from "next";
import { NewProjectForm } from "@/components/projects/new-project-form.tsx";

export const metadata: Metadata = { title: "New project" };

export default function NewProjectPage() {
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">New project</h1>
      <NewProjectForm />
    </div>
  );
}
