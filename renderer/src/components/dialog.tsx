import { type ReactNode, useId } from 'react';

/** The action that ends a dialog other than by closing it. */
export interface DialogAction {
  readonly label: ReactNode;
  readonly disabled?: boolean;
  readonly run: () => void;
}

/**
 * A modal dialog labelled by its title; Escape closes it. With an `action`, it ends in the
 * buttons row: `closeLabel` (closes) and the action as the primary button.
 */
export function Dialog({
  title,
  onClose,
  children,
  closeLabel = 'Cancel',
  action,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  closeLabel?: string;
  action?: DialogAction;
}) {
  const titleId = useId();
  return (
    <div className="backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {action === undefined ? null : (
          <div className="buttons">
            <button type="button" onClick={onClose}>
              {closeLabel}
            </button>
            <button type="button" className="primary" disabled={action.disabled} onClick={action.run}>
              {action.label}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
