// Roles (PRODUCT.md) and what each may do. Pure: imported by main (enforcement) and by the
// renderer (to hide what a person cannot use — comfort only; main always checks again).
export const ROLES = [
  'director',
  'manager',
  'cs_supervisor',
  'cs_agent',
  'wh_supervisor',
  'wh_agent',
  'art_supervisor',
  'art_agent',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'catalog.read',
  'catalog.write',
  'catalog.archive',
  'catalog.import',
  'catalog.export',
  'staff.manage',
  'shop.manage',
  'audit.read',
  // Warehouse: read stock; write drafts; post documents; post below zero with a reason and
  // reverse posted documents; manage bins.
  'warehouse.read',
  'warehouse.write',
  'warehouse.post',
  'warehouse.override',
  'warehouse.bins',
  // Customer service: buyers (read, edit, see full phone numbers, export them in full); orders
  // (read, edit, import Taobao exports); record unpaid-order follow-ups (催付).
  'buyers.read',
  'buyers.write',
  'buyers.contact',
  'buyers.exportFull',
  'orders.read',
  'orders.write',
  'orders.import',
  'followup.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // 店长 runs the shop day to day and sees every report.
  manager: ALL,
  // 运营总监 reads the figures and the audit trail; does not edit stock data.
  director: [
    'catalog.read',
    'catalog.export',
    'audit.read',
    'warehouse.read',
    // reads buyers and orders and exports them, with phone numbers masked
    'buyers.read',
    'orders.read',
  ],
  // 行政人事 keeps the staff accounts.
  admin: ['catalog.read', 'staff.manage'],
  // 仓储主管 keeps SKUs, barcodes and costs correct.
  // and runs the warehouse: bins, overrides and reversals.
  wh_supervisor: [
    'catalog.read',
    'catalog.write',
    'catalog.archive',
    'catalog.import',
    'catalog.export',
    'warehouse.read',
    'warehouse.write',
    'warehouse.post',
    'warehouse.override',
    'warehouse.bins',
  ],
  // 仓储专员 receives, ships and moves stock; cannot go below zero or reverse.
  wh_agent: ['catalog.read', 'warehouse.read', 'warehouse.write', 'warehouse.post'],
  // 客服 maintain product information (§7.4) but do not archive or bulk-import.
  cs_supervisor: [
    'catalog.read',
    'catalog.write',
    'catalog.export',
    'buyers.read',
    'buyers.write',
    'buyers.contact',
    'buyers.exportFull',
    'orders.read',
    'orders.write',
    'orders.import',
    'followup.write',
  ],
  cs_agent: [
    'catalog.read',
    'buyers.read',
    'buyers.write',
    'buyers.contact',
    'orders.read',
    'orders.write',
    'followup.write',
  ],
  art_supervisor: ['catalog.read', 'catalog.export'],
  art_agent: ['catalog.read'],
};

/** Roles whose accounts only a store manager may create, change, reset or deactivate. */
export const PRIVILEGED_ROLES: readonly Role[] = ['manager', 'director'];

export function can(role: Role | null | undefined, perm: Permission): boolean {
  if (!role) return false;
  return ROLE_PERMISSIONS[role].includes(perm);
}

/** The tabs of the main layout and the roles that use each. */
export const TABS = ['warehouse', 'service', 'art', 'settings'] as const;
export type Tab = (typeof TABS)[number];

export const TAB_ROLES: Readonly<Record<Tab, readonly Role[]>> = {
  warehouse: ['manager', 'director', 'wh_supervisor', 'wh_agent'],
  service: ['manager', 'director', 'cs_supervisor', 'cs_agent'],
  art: ['manager', 'director', 'art_supervisor', 'art_agent'],
  settings: ROLES,
};

export function tabsFor(role: Role | null | undefined): Tab[] {
  if (!role) return [];
  return TABS.filter((t) => TAB_ROLES[t].includes(role));
}
