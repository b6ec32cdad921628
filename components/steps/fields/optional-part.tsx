"use client";
// An optional object of "configure and apply resources": a card whose checkbox turns it on.
import type { ReactNode } from "react";
import { FormSection } from "./form-section.tsx";
import { CheckboxField } from "./checkbox-field.tsx";

export function OptionalPart({
  title,
  checkboxLabel,
  hint,
  path,
  enabled,
  onEnabledChange,
  children,
}: {
  title: string;
  checkboxLabel: string;
  hint: string;
  path: string;
  enabled: boolean;
  onEnabledChange: (enabled: boolean) => void;
  children: ReactNode;
}) {
  return (
    <FormSection title={title}>
      <CheckboxField label={checkboxLabel} hint={hint} path={path} checked={enabled} onChange={onEnabledChange} />
      {enabled ? <div className="flex flex-col gap-4 border-l-2 border-slate-100 pl-4">{children}</div> : null}
    </FormSection>
  );
}
