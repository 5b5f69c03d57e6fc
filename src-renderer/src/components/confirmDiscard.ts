import i18n from '../i18n';
import { ui } from '../api';

/**
 * Close an editor, asking first when it holds unsaved changes ("放弃修改？"). `discard` runs when
 * the person agrees (or at once when nothing is unsaved).
 */
export function closeAskingIfDirty(dirty: boolean, discard: () => void): void {
  if (!dirty) {
    discard();
    return;
  }
  ui().modal.confirm({
    title: i18n.t('common.discardTitle'),
    content: i18n.t('common.discardBody'),
    okText: i18n.t('common.discard'),
    okButtonProps: { danger: true, 'data-testid': 'discard-confirm' },
    cancelText: i18n.t('common.keepEditing'),
    onOk: discard,
  });
}
