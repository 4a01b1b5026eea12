import type { LucideIcon } from 'lucide-react';

/** An icon button: its label is its accessible name and its tooltip. */
export function IconButton({
  label,
  icon: Icon,
  onClick,
  disabled = false,
  className,
}: {
  label: string;
  icon: LucideIcon;
  onClick: () => void;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`icon${className === undefined ? '' : ` ${className}`}`}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon size={16} aria-hidden="true" />
    </button>
  );
}
