// Number fields are text inputs with a numeric keyboard, not <input type="number">: a browser
// gives an unparsable number input the value "" (so "abc" silently became an empty field, saved
// as the default), while a text input keeps what was typed and lets us say what is wrong.
const WHOLE_NUMBER = /^\s*\d+\s*$/;

/** "Replicas must be a whole number"; "Step timeout (seconds)" reads "Step timeout must be a whole number of seconds". */
export function wholeNumberProblem(label: string, value: string | number | undefined): string | undefined {
  const text = String(value ?? "");
  if (text.trim() === "" || WHOLE_NUMBER.test(text)) return undefined;
  const unit = /\s*\((seconds|minutes|bytes)\)$/.exec(label);
  const subject = unit ? label.slice(0, unit.index) : label;
  return `${subject} must be a whole number${unit ? ` of ${unit[1]}` : ""}`;
}

/** The attributes of a number field's input (a text input with a numeric keyboard). */
export const numberInputProps = { type: "text", inputMode: "numeric", autoComplete: "off" } as const;
