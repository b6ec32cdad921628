// The environments list: where each one deploys and how it authenticates (never the credential).
import Link from "next/link";
import type { EnvironmentView } from "@/server/contracts/environments.ts";
import { AUTH_KIND_LABELS } from "./auth-kind-labels.ts";

/** editable: names link to the edit form (administrators only). */
export function EnvironmentTable({ environments, editable = true }: { environments: EnvironmentView[]; editable?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Environments</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              API server
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Authentication
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Default namespace
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Credential
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {environments.map((environment) => {
            const target = environment.target;
            return (
              <tr key={environment.id} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  {editable ? (
                    <Link href={`/environments/${environment.id}`} className="font-medium text-blue-700 hover:underline">
                      {environment.name}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-900">{environment.name}</span>
                  )}
                  {environment.description ? <p className="mt-0.5 line-clamp-1 text-xs text-slate-500">{environment.description}</p> : null}
                </td>
                <td className="px-4 py-3 font-mono text-xs text-slate-700">{target?.serverUrl || "—"}</td>
                <td className="px-4 py-3 text-slate-700">
                  {target ? AUTH_KIND_LABELS[target.authKind] : "No target"}
                  {target?.insecureSkipTlsVerify ? (
                    <span className="ml-2 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-300">
                      TLS not verified
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-3 font-mono text-xs text-slate-700">{target?.defaultNamespace ?? "—"}</td>
                <td className="px-4 py-3 text-xs text-slate-600">{target?.credentialHint ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
