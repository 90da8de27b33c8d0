import { useWorkbench } from '../store/store.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { OpenDialog } from './OpenDialog.tsx';
import { PasteDialog } from './PasteDialog.tsx';
import { SaveAsDialog } from './SaveAsDialog.tsx';

/** Renders the dialog that the store marks as open, if any. */
export function Dialogs() {
  const dialog = useWorkbench((state) => state.dialog);

  switch (dialog.kind) {
    case 'none':
      return null;
    case 'open':
      return <OpenDialog />;
    case 'save-as':
      return <SaveAsDialog />;
    case 'paste':
      return <PasteDialog />;
    case 'confirm':
      return <ConfirmDialog request={dialog.request} />;
  }
}
