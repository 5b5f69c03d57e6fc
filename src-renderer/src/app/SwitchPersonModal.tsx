import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../src-main/api/contract';
import { ui } from '../api';
import { useSession } from '../stores/session';
import { SignInPanel } from './SignInPanel';

/**
 * Quick switch on a shared PC: another person signs in over the current screen. A wrong PIN
 * only shows its error here; the current person stays signed in until a PIN is right.
 */
export function SwitchPersonModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const current = useSession((s) => s.session?.staff.id);
  const signedIn = useSession((s) => s.signedIn);

  function done(session: Session) {
    signedIn(session);
    ui().message.success(
      t('signin.switched', { name: session.staff.name, role: t(`roles.${session.staff.role}`) }),
    );
    onClose();
  }

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('signin.switchTitle')}
      footer={null}
      width={680}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('signin.switchHint')}</Typography.Paragraph>
      <div className="switch-modal__body" data-testid="switch-modal">
        <SignInPanel onSignedIn={done} {...(current ? { currentStaffId: current } : {})} />
      </div>
    </Modal>
  );
}
