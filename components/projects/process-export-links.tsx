// Download links for the process export (the API answers with an attachment).
export function ProcessExportLinks({ projectId }: { projectId: string }) {
  const link = "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-slate-700">Export the process:</span>
      <a href={`/api/projects/${projectId}/process/export?format=yaml`} download className={link}>
        Download YAML
      </a>
      <a href={`/api/projects/${projectId}/process/export?format=json`} download className={link}>
        Download JSON
      </a>
      <span className="text-xs text-slate-500">Secret values are never exported, only their keys.</span>
    </div>
  );
}
