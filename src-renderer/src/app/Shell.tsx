import { LogoutOutlined, ShopOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Avatar, Button, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Permission, Tab } from '../../../src-main/api/permissions';
import { reportError, ui } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { CatalogView } from '../features/catalog/CatalogView';
import { AuditPage } from '../features/settings/AuditPage';
import { MyPinPage } from '../features/settings/MyPinPage';
import { ShopPage } from '../features/settings/ShopPage';
import { StaffPage } from '../features/settings/StaffPage';
import { BalancesPage } from '../features/warehouse/BalancesPage';
import { BinsPage } from '../features/warehouse/BinsPage';
import { DocumentsPage } from '../features/warehouse/DocumentsPage';
import { LedgerPage } from '../features/warehouse/LedgerPage';
import { ReturnsPage } from '../features/warehouse/ReturnsPage';
import { ShippingPage } from '../features/warehouse/ShippingPage';
import { StocktakePage } from '../features/warehouse/StocktakePage';
import { AssessmentPage } from '../features/staffing/AssessmentPage';
import { ClockWidget } from '../features/staffing/ClockWidget';
import { StaffingPage } from '../features/staffing/StaffingPage';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { AlertsTabLabel } from '../features/alerts/AlertsTabLabel';
import { LibraryPage } from '../features/art/LibraryPage';
import { TasksPage } from '../features/art/TasksPage';
import { ReadinessPage } from '../features/art/ReadinessPage';
import { BuyersPage } from '../features/service/BuyersPage';
import { FollowUpPage } from '../features/service/FollowUpPage';
import { OrdersPage } from '../features/service/OrdersPage';
import { HandoverPage } from '../features/service/HandoverPage';
import { HandoverTabLabel } from '../features/service/HandoverTabLabel';
import { ReviewsPage } from '../features/service/ReviewsPage';
import { PromotionsPage } from '../features/service/PromotionsPage';
import { ComplaintsPage } from '../features/service/ComplaintsPage';
import { ComplaintsTabLabel } from '../features/service/ComplaintsTabLabel';
import { AgentDayPage } from '../features/service/AgentDayPage';
import { AgentDayTabLabel } from '../features/service/AgentDayTabLabel';
import { AgentDayTeamPage } from '../features/service/AgentDayTeamPage';
import { PresalesInquiries } from '../features/service/PresalesInquiries';
import { PresalesKnowledge } from '../features/service/PresalesKnowledge';
import { PresalesTemplates } from '../features/service/PresalesTemplates';
import { AftersalesPage } from '../features/service/AftersalesPage';
import { initialOf, roleColor } from '../lib/roles';
import { useCatalog } from '../stores/catalog';
import { useSession, useTabs } from '../stores/session';
import { useWarehouse, type WarehousePage } from '../stores/warehouse';
import { SamplesPage } from '../features/samples/SamplesPage';
import { SamplesTabLabel } from '../features/samples/SamplesTabLabel';
import { SwitchPersonModal } from './SwitchPersonModal';

type PresalesPage = 'inquiries' | 'templates' | 'knowledge';
type ServicePage =
  | 'orders'
  | 'buyers'
  | 'followUp'
  | 'handover'
  | 'reviews'
  | 'promotions'
  | 'complaints'
  | 'agent'
  | 'agentTeam'
  | 'aftersales'
  | PresalesPage;
type ArtPage = 'tasks' | 'library' | 'readiness' | 'artAssessment' | 'artSamples';
type FeatureKey =
  'catalogLookup' | 'staff' | 'shop' | 'audit' | 'myPin' | WarehousePage | ArtPage | ServicePage;
type T = TFunction;
interface Feature {
  key: FeatureKey;
  /** Shown only to people with this permission; none: everyone who sees the tab. */
  needs?: Permission;
  /** The sub-tab's label. */
  label(t: T): ReactNode;
  render(): ReactNode;
}

const catalogFeature: Feature = {
  key: 'catalog',
  needs: 'catalog.read',
  label: (t) => t('features.catalog'),
  render: () => <CatalogView titleKey="features.catalog" />,
};
const alertsFeature = (testId: string): Feature => ({
  key: 'alerts',
  needs: 'alerts.read',
  label: () => <AlertsTabLabel testId={testId} />,
  render: () => <AlertsPage />,
});
const rotaFeature = (team: 'warehouse' | 'service'): Feature => ({
  key: 'rota',
  needs: 'rota.read',
  label: (t) => t('rota.title'),
  render: () => <StaffingPage team={team} />,
});

/** What each tab holds, in sub-tab order. Only features that exist are listed. */
const FEATURES: Record<Tab, Feature[]> = {
  warehouse: [
    catalogFeature,
    {
      key: 'documents',
      needs: 'warehouse.read',
      label: (t) => t('warehouse.tabs.documents'),
      render: () => <DocumentsPage />,
    },
    {
      key: 'shipping',
      needs: 'warehouse.read',
      label: (t) => t('shipping.tab'),
      render: () => <ShippingPage />,
    },
    {
      key: 'returns',
      needs: 'warehouse.read',
      label: (t) => t('returns.tab'),
      render: () => <ReturnsPage />,
    },
    // samples lent to the art team (样品借出); badge = requests waiting
    {
      key: 'samples',
      needs: 'samples.read',
      label: (t) => <SamplesTabLabel label={t('samples.tab')} badge="requested" />,
      render: () => <SamplesPage mode="warehouse" />,
    },
    {
      key: 'balances',
      needs: 'warehouse.read',
      label: (t) => t('warehouse.tabs.balances'),
      render: () => <BalancesPage />,
    },
    {
      key: 'ledger',
      needs: 'warehouse.read',
      label: (t) => t('warehouse.tabs.ledger'),
      render: () => <LedgerPage />,
    },
    alertsFeature('wh-subtab-alerts-label'),
    {
      key: 'stocktake',
      needs: 'warehouse.read',
      label: (t) => t('stocktake.tab'),
      render: () => <StocktakePage />,
    },
    {
      key: 'bins',
      needs: 'warehouse.bins',
      label: (t) => t('warehouse.tabs.bins'),
      render: () => <BinsPage />,
    },
    rotaFeature('warehouse'),
    {
      key: 'assessment',
      needs: 'assessment.manage',
      label: (t) => t('assessment.title'),
      render: () => <AssessmentPage />,
    },
  ],
  // 客服: the day's work first (orders, 催付, inquiries, after-sales, reviews, complaints), then the
  // buyer book and campaigns, the shift's own books, the reference libraries, and the shared tools.
  service: [
    { key: 'orders', needs: 'orders.read', label: (t) => t('orders.tab'), render: () => <OrdersPage /> },
    {
      key: 'followUp',
      needs: 'orders.read',
      label: (t) => t('followUp.tab'),
      render: () => <FollowUpPage />,
    },
    {
      key: 'inquiries',
      needs: 'presales.read',
      label: (t) => t('presales.tabInquiries'),
      render: () => <PresalesInquiries />,
    },
    {
      key: 'aftersales',
      needs: 'aftersales.read',
      label: (t) => t('aftersales.tab'),
      render: () => <AftersalesPage />,
    },
    { key: 'reviews', needs: 'reviews.read', label: (t) => t('reviews.tab'), render: () => <ReviewsPage /> },
    {
      key: 'complaints',
      needs: 'complaints.read',
      label: () => <ComplaintsTabLabel />,
      render: () => <ComplaintsPage />,
    },
    { key: 'buyers', needs: 'buyers.read', label: (t) => t('buyers.tab'), render: () => <BuyersPage /> },
    {
      key: 'promotions',
      needs: 'promotions.read',
      label: (t) => t('promotions.tab'),
      render: () => <PromotionsPage />,
    },
    {
      key: 'handover',
      needs: 'handover.read',
      label: () => <HandoverTabLabel />,
      render: () => <HandoverPage />,
    },
    // an agent's day: one's own work, and the team's reports
    {
      key: 'agent',
      needs: 'agentday.own',
      label: () => <AgentDayTabLabel />,
      render: () => <AgentDayPage />,
    },
    {
      key: 'agentTeam',
      needs: 'agentday.report',
      label: (t) => t('agentDay.teamTab'),
      render: () => <AgentDayTeamPage />,
    },
    {
      key: 'templates',
      needs: 'presales.read',
      label: (t) => t('presales.tabTemplates'),
      render: () => <PresalesTemplates />,
    },
    {
      key: 'knowledge',
      needs: 'presales.read',
      label: (t) => t('presales.tabKnowledge'),
      render: () => <PresalesKnowledge />,
    },
    rotaFeature('service'),
    alertsFeature('cs-subtab-alerts-label'),
    {
      key: 'catalogLookup',
      needs: 'catalog.read',
      label: (t) => t('features.catalogLookup'),
      render: () => <CatalogView titleKey="features.catalogLookup" lookup />,
    },
  ],
  art: [
    { key: 'tasks', needs: 'art.read', label: (t) => t('tasks.tabTitle'), render: () => <TasksPage /> },
    { key: 'library', needs: 'art.read', label: (t) => t('library.tabTitle'), render: () => <LibraryPage /> },
    // listing readiness (上架准备) and the team's monthly assessment
    {
      key: 'readiness',
      needs: 'listing.read',
      label: (t) => t('art.readiness.title'),
      render: () => <ReadinessPage />,
    },
    {
      key: 'artAssessment',
      needs: 'art.read',
      label: (t) => t('art.assessment.title'),
      render: () => <AssessmentPage kind="art" />,
    },
    // samples borrowed from the warehouse; badge = overdue loans
    {
      key: 'artSamples',
      needs: 'samples.read',
      label: (t) => <SamplesTabLabel label={t('samples.artTab')} badge="overdue" />,
      render: () => <SamplesPage mode="art" />,
    },
    // 美工主管 reads the 中差评 (colour and picture complaints) without the service tab.
    { key: 'reviews', needs: 'reviews.read', label: (t) => t('reviews.tab'), render: () => <ReviewsPage /> },
    // Campaigns the art team makes creative work for (read; ticking their own checklist items).
    {
      key: 'promotions',
      needs: 'promotions.read',
      label: (t) => t('promotions.tab'),
      render: () => <PromotionsPage />,
    },
    catalogFeature,
  ],
  settings: [
    { key: 'staff', needs: 'staff.manage', label: (t) => t('features.staff'), render: () => <StaffPage /> },
    { key: 'shop', needs: 'shop.manage', label: (t) => t('features.shop'), render: () => <ShopPage /> },
    { key: 'audit', needs: 'audit.read', label: (t) => t('features.audit'), render: () => <AuditPage /> },
    { key: 'myPin', label: (t) => t('features.myPin'), render: () => <MyPinPage /> },
  ],
};

/** The sub-tabs' test ids: `<prefix>-<feature key>`. */
const SUBTAB_TESTID: Record<Tab, string> = {
  warehouse: 'wh-subtab',
  service: 'cs-subtab',
  art: 'art-subtab',
  settings: 'settings',
};

/** The main layout: header (shop, person, switch, sign out) and the tabs the role may use. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session)!;
  const shopName = useSession((s) => s.shopName);
  const signOut = useSession((s) => s.signOut);
  const tabs = useTabs();
  const [tab, setTab] = useState<Tab | null>(tabs[0] ?? null);
  // The sub-tab open in each tab (the warehouse's lives in its store: its pages link to each other).
  const [subPages, setSubPages] = useState<Partial<Record<Tab, FeatureKey>>>({});
  const warehousePage = useWarehouse((s) => s.page);
  const [switching, setSwitching] = useState(false);
  const perms = session.permissions;

  // Signed out or expired: the next person starts with a clean catalog list.
  useEffect(
    () => () => {
      useCatalog.getState().reset();
      useWarehouse.getState().reset();
    },
    [],
  );

  // After a switch of person, stay on the same tab if the new person has it.
  const activeTab: Tab | null = tab && tabs.includes(tab) ? tab : (tabs[0] ?? null);

  const features = useMemo(
    () => (activeTab ? FEATURES[activeTab].filter((f) => !f.needs || perms.includes(f.needs)) : []),
    [activeTab, perms],
  );

  async function doSignOut() {
    try {
      await signOut();
      ui().message.info(t('signin.signedOut'));
    } catch (e) {
      reportError(e);
    }
  }

  const role = t(`roles.${session.staff.role}`);
  return (
    <div className="shell">
      <header className="shell__header">
        <div className="shell__brand" title={shopName}>
          <ShopOutlined aria-hidden className="brand__icon" />
          <span className="shell__brand-text">
            <span className="shell__app">{t('app.name')}</span>
            <span className="shell__shop" data-testid="header-shop-name">
              {shopName}
            </span>
          </span>
        </div>
        <nav className="shell__nav" aria-label={t('app.name')}>
          {tabs.map((k) => (
            <button
              key={k}
              type="button"
              className={`shell__tab${k === activeTab ? ' shell__tab--active' : ''}`}
              aria-current={k === activeTab ? 'page' : undefined}
              data-testid={`tab-${k}`}
              onClick={() => setTab(k)}
            >
              {t(`tabs.${k}`)}
            </button>
          ))}
        </nav>
        <div className="shell__right">
          <ClockWidget />
          <LanguageSwitch />
          <Tooltip title={t('header.person', { name: session.staff.name, role })}>
            <span className="shell__person" data-testid="header-person">
              <Avatar size={28} style={{ backgroundColor: roleColor(session.staff.role) }} aria-hidden>
                {initialOf(session.staff.name)}
              </Avatar>
              <span className="shell__person-text">
                <span className="shell__person-name" data-testid="header-person-name">
                  {session.staff.name}
                </span>
                <span className="shell__person-role" data-testid="header-person-role">
                  {role}
                </span>
              </span>
            </span>
          </Tooltip>
          <Button
            icon={<UserSwitchOutlined />}
            onClick={() => setSwitching(true)}
            data-testid="header-switch"
          >
            {t('header.switchUser')}
          </Button>
          <Button icon={<LogoutOutlined />} onClick={doSignOut} data-testid="header-signout">
            {t('header.signOut')}
          </Button>
        </div>
      </header>
      <main className="shell__main">
        {activeTab && (features.length > 1 || activeTab === 'settings') ? (
          // Sub-tabs, each filling the window's height (settings: centred panes).
          <Tabs
            className={activeTab === 'settings' ? 'settings-tabs' : 'wh-tabs'}
            activeKey={
              features.find(
                (f) => f.key === (activeTab === 'warehouse' ? warehousePage : subPages[activeTab]),
              )?.key ?? features[0]?.key
            }
            onChange={(k) =>
              activeTab === 'warehouse'
                ? useWarehouse.getState().setPage(k as WarehousePage)
                : setSubPages((p) => ({ ...p, [activeTab]: k as FeatureKey }))
            }
            destroyOnHidden
            // 客服 has sixteen sub-tabs: a tighter gutter keeps them on one row at 1280 px.
            tabBarGutter={features.length > 12 ? 20 : undefined}
            items={features.map((f) => ({
              key: f.key,
              label: <span data-testid={`${SUBTAB_TESTID[activeTab]}-${f.key}`}>{f.label(t)}</span>,
              children: (
                <div className={activeTab === 'settings' ? 'settings-pane' : 'wh-pane'}>{f.render()}</div>
              ),
            }))}
          />
        ) : (
          // A tab with one feature: it renders its own title row.
          features.map((f) => (
            <div className="page page--fill" key={`${activeTab}-${f.key}`}>
              {f.render()}
            </div>
          ))
        )}
        {!features.length && (
          <Typography.Paragraph type="secondary" className="page">
            {t('errors.forbidden')}
          </Typography.Paragraph>
        )}
      </main>
      <SwitchPersonModal open={switching} onClose={() => setSwitching(false)} />
    </div>
  );
}
