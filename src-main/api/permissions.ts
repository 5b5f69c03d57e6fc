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
  // Art (美工): read tasks and the library; create/edit/move tasks; review; import/tag/edit images.
  'art.read',
  'art.tasks',
  'art.review',
  'art.library',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // 店长 runs the shop day to day and sees every report.
  manager: ALL,
  // 运营总监 reads the figures and the audit trail; does not edit stock data.
  director: ['catalog.read', 'catalog.export', 'audit.read', 'warehouse.read', 'art.read'],
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
    'art.tasks', // may request design work (§10.4)
  ],
  // 仓储专员 receives, ships and moves stock; cannot go below zero or reverse.
  wh_agent: ['catalog.read', 'warehouse.read', 'warehouse.write', 'warehouse.post'],
  // 客服 maintain product information (§7.4) but do not archive or bulk-import.
  cs_supervisor: ['catalog.read', 'catalog.write', 'catalog.export', 'art.tasks'],
  cs_agent: ['catalog.read'],
  // 美工主管 reviews the team's work (§10); 美工专员 shoots, retouches and keeps the library (§11).
  art_supervisor: ['catalog.read', 'catalog.export', 'art.read', 'art.tasks', 'art.review', 'art.library'],
  art_agent: ['catalog.read', 'art.read', 'art.tasks', 'art.library'],
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
