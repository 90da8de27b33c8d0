import type { ConfirmRequest } from '../store/uiSlice.ts';
import { useWorkbench } from '../store/store.ts';
import { Modal } from './Modal.tsx';

/** Asks before an action replaces unsaved edits; Cancel is focused so Enter keeps the edits. */
export function ConfirmDialog(props: { request: ConfirmRequest }) {
  const closeDialog = useWorkbench((state) => state.closeDialog);
  const { request } = props;

  const confirm = () => {
    closeDialog();
    request.onConfirm();
  };

  return (
    <Modal title={request.title} testId="confirm-dialog">
      <p className="pl-modal-text">{request.message}</p>
      <div className="pl-modal-actions">
        <button type="button" className="pl-button" data-autofocus data-testid="confirm-cancel"
          onClick={closeDialog}>
          Cancel
        </button>
        <button type="button" className="pl-button is-danger" data-testid="confirm-accept"
          onClick={confirm}>
          {request.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
