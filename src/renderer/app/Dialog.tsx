/**
 * The modal shell every dialog shares: a backdrop that closes on click, a labelled dialog box
 * that closes on Esc (without letting the key reach the global shortcuts), and a header with the
 * title and a close button. The dialog's own content goes in `children`.
 */
import type { HTMLAttributes, ReactNode, Ref } from 'react';

export interface DialogProps {
  /** Id of the title element (aria-labelledby). */
  titleId: string;
  title: ReactNode;
  testId: string;
  /** Extra class on the dialog box, for its width and layout. */
  className?: string;
  closeLabel?: string;
  onClose: () => void;
  closeRef?: Ref<HTMLButtonElement>;
  boxRef?: Ref<HTMLDivElement>;
  /** Makes the box focusable (for dialogs that focus it on open). */
  focusableBox?: boolean;
  /** Extra handlers on the backdrop (a drop zone stopping drags from reaching the window). */
  backdrop?: Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'onClick'>;
  children: ReactNode;
}

export function Dialog(props: DialogProps) {
  return (
    <div className="overlay" onClick={props.onClose} {...props.backdrop}>
      <div
        ref={props.boxRef}
        tabIndex={props.focusableBox ? -1 : undefined}
        className={props.className ? `dialog ${props.className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.titleId}
        data-testid={props.testId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <header className="dialog-head">
          <h2 id={props.titleId}>{props.title}</h2>
          <button ref={props.closeRef} type="button" className="btn" onClick={props.onClose}>
            {props.closeLabel ?? 'Close (Esc)'}
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}
