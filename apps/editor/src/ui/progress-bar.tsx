export interface ProgressBarProps {
  /** Accessible name, e.g. "Upload progress". */
  label: string;
  /** Omit for an indeterminate bar (work is running but its total is unknown). */
  value?: number | null;
  max?: number;
  /** Text read by assistive technology instead of the bare number, e.g. "3.1 MB of 8 MB". */
  valueText?: string;
}

export function ProgressBar({ label, value, max = 100, valueText }: ProgressBarProps) {
  const determinate = value !== undefined && value !== null;
  const clamped = determinate ? Math.min(max, Math.max(0, value)) : 0;
  return (
    <div
      className={determinate ? 'progress' : 'progress progress--indeterminate'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={determinate ? 0 : undefined}
      aria-valuemax={determinate ? max : undefined}
      aria-valuenow={determinate ? clamped : undefined}
      aria-valuetext={valueText}
    >
      <div className="progress__bar" style={determinate ? { width: `${(clamped / max) * 100}%` } : undefined} />
    </div>
  );
}
