// Art tab (美工) contract: design tasks and the image library — value lists, input schemas and
// answer types. Pure (zod only), like contract.ts, which lists the channels that use these.
import { z } from 'zod';

export const TASK_TYPES = [
  'shoot',
  'retouch',
  'main_image',
  'detail_page',
  'promo',
  'homepage',
  'template',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];
/** The board's columns, in order: 待办 → 进行中 → 待审核 → 需修改 → 已完成. */
export const TASK_STATUSES = ['todo', 'doing', 'review', 'rework', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
/**
 * Moves a designer may make (art.tasks). Leaving 待审核 is the reviewer's (art.review): approve
 * → 已完成, revise → 需修改. 已完成 is final.
 */
export const TASK_MOVES: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  todo: ['doing'],
  doing: ['todo', 'review'],
  review: [],
  rework: ['doing', 'review'],
  done: [],
};

export const IMAGE_USES = ['main', 'detail', 'sku', 'promo', 'home', 'model', 'closeup'] as const;
export type ImageUse = (typeof IMAGE_USES)[number];
export const IMAGE_STATUSES = ['pending', 'used', 'archived'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];
/** The version chain: original → retouched → final. */
export const IMAGE_STAGES = ['original', 'retouched', 'final'] as const;
export type ImageStage = (typeof IMAGE_STAGES)[number];
export const IMAGE_FLAGS = ['notSquare', 'tooSmall', 'tooLarge'] as const;
export type ImageFlag = (typeof IMAGE_FLAGS)[number];

const id = z.string().uuid();
/* eslint-disable no-control-regex -- control characters are exactly what these refuse */
/** One to four tag levels of 1–30 characters, no slashes, backslashes or control characters. */
const TAG_SHAPE = /^[^/\\\u0000-\u001f]{1,30}(\/[^/\\\u0000-\u001f]{1,30}){0,3}$/;
/** Characters no file name may hold (Windows' reserved ones, separators, control characters). */
const FILE_NAME_BAD = /[\\/:*?"<>|\u0000-\u001f]/;
/* eslint-enable no-control-regex */
const localDate = z.iso.date();
const version = z.string().min(1).max(64);
/** A tag path: 1–4 levels joined by '/', e.g. 夏装/连衣裙; no empty levels. */
export const tagPath = z
  .string()
  .trim()
  .max(80)
  .transform((s) =>
    s
      .split('/')
      .map((p) => p.trim())
      .join('/'),
  )
  .pipe(z.string().regex(TAG_SHAPE, { message: 'key:tagFormat' }));

// ---------------------------------------------------------------------------------------------
// Design tasks
// ---------------------------------------------------------------------------------------------
export const taskFilter = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  type: z.enum(TASK_TYPES).optional(),
  assigneeId: id.optional(),
  skuId: id.optional(),
  /** Matches the number, title or a linked 商家编码 (substring). */
  q: z.string().trim().max(100).default(''),
  /** Due-date range, shop-local yyyy-mm-dd, inclusive. */
  dueFrom: localDate.optional(),
  dueTo: localDate.optional(),
  /** Done tasks completed more than 30 days ago are left out unless asked for. */
  includeOldDone: z.boolean().default(false),
});
export type TaskFilter = z.input<typeof taskFilter>;

export const taskInput = z.strictObject({
  id: id.optional(),
  expectedVersion: version.optional(),
  type: z.enum(TASK_TYPES),
  title: z.string().trim().min(1).max(120),
  brief: z.string().trim().max(4000).default(''),
  priority: z.enum(TASK_PRIORITIES).default('normal'),
  assigneeId: id.nullable().default(null),
  dueDate: localDate.nullable().default(null),
  skuIds: z.array(id).max(200).default([]),
  /** A promotion of the CS tab (later); kept as given. */
  promotionId: id.nullable().default(null),
});
export type TaskInput = z.input<typeof taskInput>;

export const taskMoveInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  to: z.enum(TASK_STATUSES),
  comment: z.string().trim().max(1000).default(''),
});
export const taskReviewInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  decision: z.enum(['approve', 'revise']),
  /** Required when asking for a revision (what to change). */
  comment: z.string().trim().max(2000).default(''),
  /** Approving while samples are still out needs a reason (CONFLICT samplesOut otherwise). */
  samplesOverrideReason: z.string().trim().min(1).max(200).optional(),
});
export const taskAttachInput = z.strictObject({
  id,
  imageIds: z.array(id).min(1).max(500),
  /** true: remove these deliverables instead. */
  detach: z.boolean().default(false),
});

export interface TaskRow {
  id: string;
  number: string;
  type: TaskType;
  title: string;
  status: TaskStatus;
  priority: TaskPriority;
  requesterId: string;
  requesterName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  dueDate: string | null;
  /** Not done and due before today (shop time). */
  overdue: boolean;
  revisionCount: number;
  promotionId: string | null;
  skuCodes: string[];
  deliverableCount: number;
  createdAt: string;
  completedAt: string | null;
  version: string;
}
export interface TaskEvent {
  seq: number;
  at: string;
  staffId: string;
  staffName: string | null;
  kind: 'created' | 'move' | 'approve' | 'revise' | 'comment';
  fromStatus: TaskStatus | null;
  toStatus: TaskStatus | null;
  comment: string;
}
export interface Task extends TaskRow {
  brief: string;
  skus: { id: string; code: string; title: string; spec: string }[];
  deliverables: LibraryImageRow[];
  events: TaskEvent[];
  /** The campaign (CS tab) this task is creative work for, and which piece of it. */
  promotion: { id: string; number: string; name: string; startDate: string; endDate: string } | null;
  creativeKind: 'banner' | 'page' | 'homepage' | null;
}

// ---------------------------------------------------------------------------------------------
// Image library
// ---------------------------------------------------------------------------------------------
export const libraryFilter = z.strictObject({
  /** File or folder name (substring, case-insensitive). */
  q: z.string().trim().max(100).default(''),
  /** A tag path; includes its sub-tags. */
  tag: z.string().trim().max(80).default(''),
  skuId: id.optional(),
  use: z.enum([...IMAGE_USES, 'none']).optional(),
  status: z.enum(IMAGE_STATUSES).optional(),
  /** Imported between (shop-local days, inclusive). */
  from: localDate.optional(),
  to: localDate.optional(),
  /** Only images breaking a rule. */
  flagged: z.boolean().default(false),
  /** The trash instead of the library. */
  trash: z.boolean().default(false),
});
export type LibraryFilter = z.input<typeof libraryFilter>;

export const libraryUpdateInput = z
  .strictObject({
    ids: z.array(id).min(1).max(5000),
    use: z.enum([...IMAGE_USES, 'none']).optional(),
    status: z.enum(IMAGE_STATUSES).optional(),
    stage: z.enum(IMAGE_STAGES).optional(),
    /** The image this one was made from (version chain); null detaches. One image only. */
    parentId: id.nullable().optional(),
    note: z.string().trim().max(1000).optional(),
    addTags: z.array(tagPath).max(20).default([]),
    removeTags: z.array(tagPath).max(20).default([]),
    addSkuIds: z.array(id).max(50).default([]),
    removeSkuIds: z.array(id).max(50).default([]),
  })
  .refine((v) => v.parentId === undefined || v.ids.length === 1, {
    message: 'key:oneImageOnly',
    path: ['parentId'],
  });
export type LibraryUpdateInput = z.input<typeof libraryUpdateInput>;

export const imageRules = z.strictObject({
  /** Main images (主图) must be square. */
  mainSquare: z.boolean(),
  /** Shortest side of a main image, px. */
  mainMinSide: z.number().int().min(0).max(10_000),
  /** Largest main image file, bytes. */
  mainMaxBytes: z.number().int().min(1024).max(200_000_000),
});
export type ImageRules = z.output<typeof imageRules>;
export const DEFAULT_IMAGE_RULES: ImageRules = {
  mainSquare: true,
  mainMinSide: 800,
  mainMaxBytes: 3 * 1024 * 1024,
};

/** Placeholders of the export naming rule. */
export const NAME_TOKENS = ['{商家编码}', '{序号}', '{用途}', '{原文件名}', '{日期}'] as const;
export const exportFilesInput = z.strictObject({
  ids: z.array(id).min(1).max(5000),
  /** e.g. {商家编码}_主图_{序号}.jpg; without an extension the original's is kept. */
  pattern: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .refine((p) => !FILE_NAME_BAD.test(p.replace(/\{[^}]*\}/g, '')), {
      message: 'key:fileNamePattern',
    })
    .refine(
      (p) => [...p.matchAll(/\{[^}]*\}/g)].every((m) => (NAME_TOKENS as readonly string[]).includes(m[0])),
      {
        message: 'key:fileNameToken',
      },
    ),
});

export interface LibraryImageRow {
  id: string;
  fileName: string;
  folder: string;
  bytes: number;
  width: number;
  height: number;
  format: string;
  takenAt: string | null;
  use: ImageUse | null;
  status: ImageStatus;
  stage: ImageStage;
  parentId: string | null;
  thumb: 'pending' | 'done' | 'failed';
  /** Same-origin URLs (app://shopdesk/library/… or the harness's /library/…). */
  thumbUrl: string;
  fileUrl: string;
  flags: ImageFlag[];
  importedAt: string;
  trashed: boolean;
  tags: string[];
  skuCodes: string[];
}
export interface LibraryImage extends LibraryImageRow {
  sha256: string;
  note: string;
  skus: { id: string; code: string; title: string }[];
  /** The whole version chain this image belongs to, oldest first. */
  chain: { id: string; fileName: string; stage: ImageStage; thumbUrl: string; trashed: boolean }[];
  tasks: { id: string; number: string; title: string; status: TaskStatus }[];
  version: string;
}
export interface ImportReport {
  cancelled: boolean;
  imported: { id: string; fileName: string }[];
  duplicates: { fileName: string; existingId: string; existingName: string; trashed: boolean }[];
  errors: { fileName: string; key: 'notImage' | 'corrupt' | 'tooBig' | 'unreadable' }[];
}
export interface ThumbStatus {
  pending: number;
  failed: number;
}
export type FilesExportResult = { cancelled: true } | { cancelled: false; folder: string; files: string[] };

// ---------------------------------------------------------------------------------------------
// Team assessment (美工考核, §10.3) and listing readiness (上架准备) — h-art2
// ---------------------------------------------------------------------------------------------
/** The art assessment's measures, in column order (values per designer and month). */
export const ART_MEASURES = [
  'tasksCompleted',
  'onTimeRate',
  'avgRevisions',
  'firstPassRate',
  'imagesDelivered',
] as const;
export type ArtMeasure = (typeof ART_MEASURES)[number];

/** The checklist of a product before it goes on sale (上架), in display order. */
export const READINESS_ITEMS = ['mainImages', 'skuImages', 'detailPage', 'stock', 'knowledge'] as const;
export type ReadinessItem = (typeof READINESS_ITEMS)[number];
/** Each checklist item is met (done) or not (missing); every missing item blocks listing. */
export type CheckState = 'done' | 'missing';
export const READINESS_STATES = ['all', 'notReady', 'ready', 'listed'] as const;
export type ReadinessState = (typeof READINESS_STATES)[number];

export const readinessFilter = z.strictObject({
  /** notReady / ready: not listed yet, with items missing / with every item met. */
  state: z.enum(READINESS_STATES).default('all'),
  /** Product title, style code or a SKU's 商家编码 (substring). */
  q: z.string().trim().max(100).default(''),
});
export type ReadinessFilter = z.input<typeof readinessFilter>;

export const readinessMarkInput = z.strictObject({
  productId: id,
  listed: z.boolean(),
  /** Listing with items missing needs the manager's reason (recorded); ignored otherwise. */
  overrideReason: z.string().trim().max(200).default(''),
  expectedVersion: version.optional(),
});

export interface ReadinessRow {
  productId: string;
  title: string;
  styleCode: string;
  listed: boolean;
  skuCount: number;
  skuCodes: string[];
  items: Record<ReadinessItem, CheckState>;
  /** Main images that count (linked, live, passing the image rules). */
  mainImageCount: number;
  /** SKUs that have an SKU图. */
  skusWithImage: number;
  onHand: number;
  /** Items not met (each blocks listing unless overridden with a reason). */
  missing: ReadinessItem[];
  ready: boolean;
  /** The latest listing/delisting: who, when, with an override reason if any. */
  lastMark: { at: string; staffName: string | null; listed: boolean; overrideReason: string } | null;
  /** The product's version (catalog optimistic concurrency). */
  version: string;
}
