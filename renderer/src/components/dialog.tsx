import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from 'react';

/** The action that ends a dialog other than by closing it. */
export interface DialogAction {
  readonly label: ReactNode;
  readonly disabled?: boolean;
  /** Why the action is disabled, said next to it. */
  readonly why?: string | undefined;
  readonly run: () => void;
}

/**
 * A modal dialog on the native <dialog> with showModal(): focus moves in, Tab stays inside, Escape
 * closes, and focus returns to where it was. Labelled by its title. With an `action`, it ends in
 * a buttons row that always stays in view: `closeLabel` (closes) and the action as the primary button.
 */
export function Dialog({
  title,
  onClose,
  children,
  closeLabel = 'Cancel',
  action,
  className,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  closeLabel?: string;
  action?: DialogAction;
  className?: string;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  // The newest onClose, for the listener the effect below adds once; kept after render, not during it.
  useLayoutEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return undefined;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event): void => {
      // Escape: the owner decides (it unmounts us), the browser does not close behind its back.
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`dialog${className === undefined ? '' : ` ${className}`}`}
      onKeyDown={(event) => {
        // Tab wraps inside the dialog instead of leaving for the browser's own controls.
        if (event.key !== 'Tab' || ref.current === null) return;
        const focusable = [
          ...ref.current.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'),
        ].filter((element) => !element.hasAttribute('disabled'));
        const first = focusable[0];
        const last = focusable.at(-1);
        if (first === undefined || last === undefined) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      {action === undefined ? null : (
        <div className="buttons">
          {action.disabled === true && action.why !== undefined ? <span className="why">{action.why}</span> : null}
          <button type="button" onClick={onClose}>
            {closeLabel}
          </button>
          <button type="button" className="primary" disabled={action.disabled} onClick={action.run}>
            {action.label}
          </button>
        </div>
      )}
    </dialog>
  );
}
