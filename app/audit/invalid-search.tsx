import { Notice } from "@/components/ui/notice.tsx";

/** The issues of a search that could not run, one per field. */
export function InvalidSearch({ issues }: { issues: Record<string, string> }) {
  return (
    <Notice tone="error" title="Some search fields are not valid">
      <ul className="mt-1 list-disc pl-5">
        {Object.entries(issues).map(([path, message]) => (
          <li key={path}>
            {path}: {message}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
