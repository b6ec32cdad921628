// Shown while a search runs (Next streams it in place of the page until the results are ready).
export default function AuditLoading() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <h1 className="text-2xl font-semibold">Audit</h1>
      <p role="status" className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center text-sm text-slate-600">
        Searching the audit trail…
      </p>
    </div>
  );
}
