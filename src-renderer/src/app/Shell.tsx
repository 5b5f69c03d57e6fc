import { LogoutOutlined, ShopOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Avatar, Button, Tabs, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
import { BuyersPage } from '../features/service/BuyersPage';
import { FollowUpPage } from '../features/service/FollowUpPage';
import { OrdersPage } from '../features/service/OrdersPage';
import { initialOf, roleColor } from '../lib/roles';
import { useCatalog } from '../stores/catalog';
import { useSession, useTabs } from '../stores/session';
import { useWarehouse, type WarehousePage } from '../stores/warehouse';
import { SwitchPersonModal } from './SwitchPersonModal';

type ServicePage = 'orders' | 'buyers' | 'followUp';
type FeatureKey =
  'catalog' | 'catalogLookup' | 'staff' | 'shop' | 'audit' | 'myPin' | WarehousePage | ServicePage;
interface Feature {
  key: FeatureKey;
  /** Shown only to people with this permission; none: everyone who sees the tab. */
  needs?: Permission;
  render(): ReactNode;
}

/**
 * What each tab holds. Only features that exist are listed: no placeholders for the orders or
 * design tasks that are still to come.
 */
const FEATURES: Record<Tab, Feature[]> = {
  warehouse: [
    { key: 'catalog', needs: 'catalog.read', render: () => <CatalogView titleKey="features.catalog" /> },
    { key: 'documents', needs: 'warehouse.read', render: () => <DocumentsPage /> },
    { key: 'balances', needs: 'warehouse.read', render: () => <BalancesPage /> },
    { key: 'ledger', needs: 'warehouse.read', render: () => <LedgerPage /> },
    { key: 'bins', needs: 'warehouse.bins', render: () => <BinsPage /> },
  ],
  service: [
    { key: 'orders', needs: 'orders.read', render: () => <OrdersPage /> },
    { key: 'followUp', needs: 'orders.read', render: () => <FollowUpPage /> },
    { key: 'buyers', needs: 'buyers.read', render: () => <BuyersPage /> },
    {
      key: 'catalogLookup',
      needs: 'catalog.read',
      render: () => <CatalogView titleKey="features.catalogLookup" lookup />,
    },
  ],
  art: [{ key: 'catalog', needs: 'catalog.read', render: () => <CatalogView titleKey="features.catalog" /> }],
  settings: [
    { key: 'staff', needs: 'staff.manage', render: () => <StaffPage /> },
    { key: 'shop', needs: 'shop.manage', render: () => <ShopPage /> },
    { key: 'audit', needs: 'audit.read', render: () => <AuditPage /> },
    { key: 'myPin', render: () => <MyPinPage /> },
  ],
};

/** The main layout: header (shop, person, switch, sign out) and the tabs the role may use. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session)!;
  const shopName = useSession((s) => s.shopName);
  const signOut = useSession((s) => s.signOut);
  const tabs = useTabs();
  const [tab, setTab] = useState<Tab | null>(tabs[0] ?? null);
  const [settingsPage, setSettingsPage] = useState<FeatureKey | null>(null);
  const warehousePage = useWarehouse((s) => s.page);
  const [servicePage, setServicePage] = useState<FeatureKey | null>(null);
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
        {activeTab === 'settings' ? (
          <Tabs
            className="settings-tabs"
            activeKey={
              settingsPage && features.some((f) => f.key === settingsPage) ? settingsPage : features[0]?.key
            }
            onChange={(k) => setSettingsPage(k as FeatureKey)}
            destroyOnHidden
            items={features.map((f) => ({
              key: f.key,
              label: (
                <span data-testid={`settings-${f.key}`}>
                  {t(
                    `features.${f.key as Exclude<FeatureKey, Exclude<WarehousePage, 'catalog'> | ServicePage>}`,
                  )}
                </span>
              ),
              children: <div className="settings-pane">{f.render()}</div>,
            }))}
          />
        ) : activeTab === 'warehouse' && features.length > 1 ? (
          // 仓储: 商品资料 and the stock pages as sub-tabs, each filling the window's height.
          <Tabs
            className="wh-tabs"
            activeKey={
              warehousePage && features.some((f) => f.key === warehousePage)
                ? warehousePage
                : features[0]?.key
            }
            onChange={(k) => useWarehouse.getState().setPage(k as WarehousePage)}
            destroyOnHidden
            items={features.map((f) => ({
              key: f.key,
              label: (
                <span data-testid={`wh-subtab-${f.key}`}>
                  {f.key === 'catalog'
                    ? t('features.catalog')
                    : t(`warehouse.tabs.${f.key as Exclude<WarehousePage, 'catalog'>}`)}
                </span>
              ),
              children: <div className="wh-pane">{f.render()}</div>,
            }))}
          />
        ) : activeTab === 'service' && features.length > 1 ? (
          // 客服: 订单, 催付, 买家资料 and 商品查询 as sub-tabs.
          <Tabs
            className="wh-tabs"
            activeKey={
              servicePage && features.some((f) => f.key === servicePage) ? servicePage : features[0]?.key
            }
            onChange={(k) => setServicePage(k as FeatureKey)}
            destroyOnHidden
            items={features.map((f) => ({
              key: f.key,
              label: (
                <span data-testid={`svc-subtab-${f.key}`}>
                  {f.key === 'catalogLookup' ? t('features.catalogLookup') : t(`${f.key as ServicePage}.tab`)}
                </span>
              ),
              children: <div className="wh-pane">{f.render()}</div>,
            }))}
          />
        ) : (
          // One feature per work tab today; each renders its own title row.
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
