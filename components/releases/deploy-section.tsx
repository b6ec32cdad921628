// The "Deploy" card: the form, or an explanation when there is nowhere to deploy to.
import Link from "next/link";
import { EmptyState } from "@/components/ui/notice.tsx";
import { Card } from "@/components/projects/card.tsx";
import { LinkButton } from "@/components/projects/link-button.tsx";
import { DeployForm } from "./deploy-form.tsx";

type Option = { id: string; label: string };

export function DeploySection({ projectId, title, releases, environments }: { projectId: string; title: string; releases: Option[]; environments: Option[] }) {
  return (
    <Card title={title} titleId="deploy-heading">
      {environments.length === 0 ? (
        <EmptyState
          title="No environment to deploy to"
          action={
            <LinkButton href="/environments/new" variant="primary">
              Create environment
            </LinkButton>
          }
        >
          An environment connects kdeploy to a Kubernetes cluster.
        </EmptyState>
      ) : releases.length === 0 ? (
        <EmptyState
          title="No release to deploy"
          action={
            <LinkButton href={`/projects/${projectId}/releases/new`} variant="primary">
              Create release
            </LinkButton>
          }
        >
          Deployments run a release: a frozen copy of the process.
        </EmptyState>
      ) : (
        <>
          <DeployForm projectId={projectId} releases={releases} environments={environments} />
          <p className="mt-3 text-xs text-slate-500">
            Environments are managed on the{" "}
            <Link href="/environments" className="text-blue-700 hover:underline">
              Environments
            </Link>{" "}
            page.
          </p>
        </>
      )}
    </Card>
  );
}
