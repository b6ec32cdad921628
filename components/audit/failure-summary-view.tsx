// The failure summary stored with a failed or timed-out snapshot. It carries its own plain-text
// rendering (server/domain/outcome/failureSummaryText.ts, the task-log text); older or foreign
// shapes fall back to their JSON. Always rendered as text.
const summaryText = (summary: unknown): string => {
  if (summary && typeof summary === "object" && "text" in summary && typeof summary.text === "string") return summary.text;
  return JSON.stringify(summary, null, 2);
};

export function FailureSummaryView({ summary }: { summary: unknown }) {
  return (
    <section aria-labelledby="failure-summary-heading" className="rounded-lg border border-red-200 bg-red-50 p-5">
      <h2 id="failure-summary-heading" className="text-base font-semibold text-red-900">
        Failure summary
      </h2>
      <pre className="mt-2 whitespace-pre-wrap break-words font-mono text-xs text-red-950">{summaryText(summary)}</pre>
    </section>
  );
}
