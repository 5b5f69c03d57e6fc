import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../src-main/api/contract';
import { ui } from '../api';
import { CenteredPage } from '../components/CenteredPage';
import { useSession } from '../stores/session';
import { SignInPanel } from './SignInPanel';

/** The sign-in screen of a shared PC: the shop's name and the people who work there. */
export function SignInScreen() {
  const { t } = useTranslation();
  const shopName = useSession((s) => s.shopName);
  const expired = useSession((s) => s.expired);
  const signedIn = useSession((s) => s.signedIn);

  function done(session: Session) {
    ui().message.success(t('signin.hello', { name: session.staff.name }));
    signedIn(session);
  }

  return (
    <CenteredPage width={720}>
      <Card className="welcome-card" variant="borderless">
        <Typography.Title level={2} style={{ marginTop: 0, marginBottom: 4 }} data-testid="signin-shop-name">
          {shopName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 20 }}>
          {t('signin.title')}
        </Typography.Paragraph>
        {expired && <Alert type="info" showIcon title={t('signin.expired')} style={{ marginBottom: 16 }} />}
        <SignInPanel onSignedIn={done} />
      </Card>
    </CenteredPage>
  );
}
