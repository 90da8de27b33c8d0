import { useEffect, useRef, type ReactNode } from 'react';

import { useWorkbench } from '../store/store.ts';
import './dialogs.css';

/** Frames a modal dialog. Escape or a click outside closes it, and focus moves inside on open. */
export function Modal(props: {
  title: string;
  testId: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const closeDialog = useWorkbench((state) => state.closeDialog);
  const frameRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const first = frameRef.current?.querySelector<HTMLElement>('[data-autofocus], input, button');
    first?.focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        closeDialog();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [closeDialog]);

  return (
    <div className="pl-modal-backdrop" onMouseDown={closeDialog}>
      <div
        className={`pl-modal${props.wide ? ' is-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        ref={frameRef}
        onMouseDown={(event) => event.stopPropagation()}
      >
        <h2 className="pl-modal-title">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
