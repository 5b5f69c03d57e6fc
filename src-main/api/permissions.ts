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

const EVERYONE = ROLES;
const WAREHOUSE: readonly Role[] = ['wh_supervisor', 'wh_agent'];
const SERVICE: readonly Role[] = ['cs_supervisor', 'cs_agent'];
const ART: readonly Role[] = ['art_supervisor', 'art_agent'];

/**
 * Who holds each permission, besides the store manager (店长), who holds them all. One line per
 * permission so that a new area adds its own lines.
 */
const GRANTS = {
  // Catalog (商品资料). 客服 maintain product information (§7.4) but do not archive or bulk-import.
  'catalog.read': EVERYONE,
  'catalog.write': ['wh_supervisor', 'cs_supervisor'],
  'catalog.archive': ['wh_supervisor'],
  'catalog.import': ['wh_supervisor'],
  'catalog.export': ['director', 'wh_supervisor', 'cs_supervisor', 'art_supervisor'],
  // 行政人事 keeps the staff accounts; the manager the shop settings; the director reads the audit.
  'staff.manage': ['admin'],
  'shop.manage': [],
  'audit.read': ['director'],
  // Warehouse: read stock; write drafts; post documents; post below zero with a reason and
  // reverse posted documents (仓储主管); manage bins.
  'warehouse.read': ['director', ...WAREHOUSE],
  'warehouse.write': WAREHOUSE,
  'warehouse.post': WAREHOUSE,
  'warehouse.override': ['wh_supervisor'],
  'warehouse.bins': ['wh_supervisor'],
  // Carrier, tracking number and time of a shipped order (customer service and warehouse).
  'orders.shippingRead': ['director', ...WAREHOUSE, ...SERVICE],
  // Stocktakes (盘点): start, cancel, approve and see book quantities; enter counts.
  'warehouse.stocktake': ['wh_supervisor'],
  'warehouse.count': WAREHOUSE,
  // Staffing (排班、考勤、考核): see the rota; edit a team's rota and correct its punches (the
  // team is enforced in main); clock oneself in and out; read attendance; score the warehouse.
  'rota.read': EVERYONE,
  'rota.manage': ['wh_supervisor', 'cs_supervisor'],
  'attendance.clock': EVERYONE,
  'attendance.read': ['director', 'wh_supervisor', 'cs_supervisor'],
  'assessment.manage': ['wh_supervisor'],
  // Low-stock alerts (§16.7): read them (warehouse and customer service); acknowledge and name a handler.
  'alerts.read': ['director', ...WAREHOUSE, ...SERVICE],
  'alerts.ack': [...WAREHOUSE, 'cs_supervisor'],
  // Art (美工): read tasks and the image library; create and move tasks (other teams' supervisors
  // may file requests); review (审核); import and edit the library.
  'art.read': ['director', ...ART],
  'art.tasks': [...ART, 'cs_supervisor', 'wh_supervisor'],
  'art.review': ['art_supervisor'],
  'art.library': ART,
  // Art part 2: score the designers' month (美工考核); see products' listing readiness
  // (上架准备, customer service too); mark a product listed or delisted (店长, 运营总监).
  'art.assess': ['art_supervisor'],
  'listing.read': ['director', ...ART, 'cs_supervisor'],
  'catalog.list': ['director'],
  // Customer service (客服): buyers (read, edit, see full phone numbers, export them in full);
  // orders (read, edit, import the seller-centre exports); record unpaid follow-ups (催付).
  // The director reads and exports, always with phone numbers masked.
  'buyers.read': ['director', ...SERVICE],
  'buyers.write': SERVICE,
  'buyers.contact': SERVICE,
  'buyers.exportFull': ['cs_supervisor'],
  'orders.read': ['director', ...SERVICE],
  'orders.write': SERVICE,
  'orders.import': ['cs_supervisor'],
  'followup.write': SERVICE,
  // Shift handover book (交接本): read it; write items and acknowledge them (who may acknowledge
  // is enforced in main: the next shift on the rota, or a supervisor).
  'handover.read': ['director', ...SERVICE],
  'handover.write': SERVICE,
  // Reviews (中差评, §13.4): read them and their statistics (the art supervisor sees what buyers
  // say about pictures and colours); register and handle them (customer service).
  'reviews.read': ['director', ...SERVICE, 'art_supervisor'],
  'reviews.write': SERVICE,
  // Promotions (活动, §6.6): read campaigns, their checklists and results (the art team attaches its
  // creative work to them); plan them, assign the checklist and write the summary (客服主管).
  'promotions.read': ['director', ...SERVICE, ...ART],
  'promotions.write': ['cs_supervisor'],
  // Promotion creative (§10.4): make a campaign's missing creative tasks from its page
  // (saving a new campaign makes them as a consequence, whoever saves it).
  'promotions.creative': ['cs_supervisor', 'art_supervisor'],
  // Complaints (投诉登记, §14): read the register; register and handle; confirm (主管).
  'complaints.read': ['director', ...SERVICE],
  'complaints.write': SERVICE,
  'complaints.confirm': ['cs_supervisor'],
  // The response and resolution deadlines per severity (投诉时限): the CS supervisor (and the manager).
  'complaints.deadlines': ['cs_supervisor'],
  // An agent's day: one's own work log, memos, weekly summary, sales report and claiming orders;
  // the team's logs, comments and order credit; the team's sales report (read by the director).
  'agentday.own': SERVICE,
  'agentday.team': ['cs_supervisor'],
  'agentday.report': ['director', 'cs_supervisor'],
  // Pre-sales (售前): read the inquiry log, templates and product knowledge; log inquiries and
  // mark knowledge learned; maintain templates and knowledge (客服主管).
  'presales.read': ['director', ...SERVICE],
  'presales.write': SERVICE,
  'presales.manage': ['cs_supervisor'],
  // After-sales cases (售后): read (the warehouse supervisor follows returns), handle, import the 退款报表.
  'aftersales.read': ['director', ...SERVICE, 'wh_supervisor'],
  'aftersales.write': SERVICE,
  'aftersales.import': ['cs_supervisor'],
  // Samples lent to the art team (样品借出): see loans (warehouse and art); request them on
  // a task (the task's people or 美工主管 — enforced in main); issue and receive them back (warehouse);
  // write off a lost sample (仓储主管). Completing a task with samples out is art.review's, with a reason.
  'samples.read': ['director', ...WAREHOUSE, ...ART],
  'samples.request': ART,
  'samples.issue': WAREHOUSE,
  'samples.writeOff': ['wh_supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;
export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = (() => {
  const byRole = {} as Record<Role, readonly Permission[]>;
  for (const role of ROLES)
    byRole[role] =
      role === 'manager'
        ? PERMISSIONS
        : PERMISSIONS.filter((p) => (GRANTS[p] as readonly Role[]).includes(role));
  return byRole;
})();

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
