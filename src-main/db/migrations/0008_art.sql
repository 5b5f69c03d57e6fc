-- 0008: the art tab (美工) — design tasks (设计任务) with their append-only event history, and the
-- image library (图片库): managed files by content hash, tags, SKU links, version chain, trash.
-- Later parts (listing readiness, promotion creative, assessment) read these tables.

CREATE TABLE art_task (
  id             TEXT PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,          -- SJ-<device>-<yyyymmdd>-<seq>
  type           TEXT NOT NULL CHECK (type IN
                   ('shoot', 'retouch', 'main_image', 'detail_page', 'promo', 'homepage', 'template')),
  title          TEXT NOT NULL,
  brief          TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'review', 'rework', 'done')),
  priority       TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  requester_id   TEXT NOT NULL REFERENCES staff (id),
  assignee_id    TEXT REFERENCES staff (id),
  due_date       TEXT,                          -- shop-local yyyy-mm-dd
  promotion_id   TEXT,                          -- a promotion (CS tab) once it exists
  revision_count INTEGER NOT NULL DEFAULT 0 CHECK (revision_count >= 0),
  submitted_at   TEXT,                          -- last sent for review
  completed_at   TEXT,
  created_at     TEXT NOT NULL,
  created_by     TEXT,
  updated_at     TEXT NOT NULL,
  updated_by     TEXT,
  deleted_at     TEXT,
  CHECK ((status = 'done') = (completed_at IS NOT NULL))
) STRICT;
CREATE INDEX art_task_status ON art_task (status, due_date);
CREATE INDEX art_task_due ON art_task (due_date);
CREATE INDEX art_task_assignee ON art_task (assignee_id, status);
CREATE INDEX art_task_promotion ON art_task (promotion_id) WHERE promotion_id IS NOT NULL;

CREATE TABLE art_task_sku (
  task_id TEXT NOT NULL REFERENCES art_task (id),
  sku_id  TEXT NOT NULL REFERENCES sku (id),
  PRIMARY KEY (task_id, sku_id)
) STRICT;
CREATE INDEX art_task_sku_sku ON art_task_sku (sku_id);

-- What happened to a task: moves on the board, reviews with comments, comments. Facts.
CREATE TABLE art_task_event (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  task_id     TEXT NOT NULL REFERENCES art_task (id),
  at          TEXT NOT NULL,
  staff_id    TEXT NOT NULL REFERENCES staff (id),
  kind        TEXT NOT NULL CHECK (kind IN ('created', 'move', 'approve', 'revise', 'comment')),
  from_status TEXT,
  to_status   TEXT,
  comment     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX art_task_event_task ON art_task_event (task_id, seq);
CREATE TRIGGER art_task_event_no_update BEFORE UPDATE ON art_task_event
BEGIN SELECT RAISE(ABORT, 'art_task_event is append-only'); END;
CREATE TRIGGER art_task_event_no_delete BEFORE DELETE ON art_task_event
BEGIN SELECT RAISE(ABORT, 'art_task_event is append-only'); END;

-- The image library. One row per distinct content (sha256); the file lives at
-- <dataDir>/library/objects/<sha[0:2]>/<sha>.<ext>, byte-for-byte the imported original.
CREATE TABLE library_image (
  id          TEXT PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  ext         TEXT NOT NULL CHECK (ext IN ('jpg', 'png', 'webp', 'gif', 'tif', 'avif')),
  file_name   TEXT NOT NULL,                   -- the name it was imported under
  folder      TEXT NOT NULL DEFAULT '',        -- folder path inside an imported folder
  name_lower  TEXT NOT NULL,                   -- lower-case folder/file name, for search
  bytes       INTEGER NOT NULL CHECK (bytes > 0),
  width       INTEGER NOT NULL CHECK (width > 0),
  height      INTEGER NOT NULL CHECK (height > 0),
  format      TEXT NOT NULL,
  taken_at    TEXT,                            -- EXIF capture time, UTC ISO
  use         TEXT NOT NULL DEFAULT '' CHECK (use IN ('', 'main', 'detail', 'sku', 'promo', 'home', 'model', 'closeup')),
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'used', 'archived')),
  stage       TEXT NOT NULL DEFAULT 'original' CHECK (stage IN ('original', 'retouched', 'final')),
  parent_id   TEXT REFERENCES library_image (id),
  note        TEXT NOT NULL DEFAULT '',
  -- Derived cache state of the thumbnail file (not a human change: not in change_log).
  thumb       TEXT NOT NULL DEFAULT 'pending' CHECK (thumb IN ('pending', 'done', 'failed')),
  imported_at TEXT NOT NULL,
  imported_by TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT,
  deleted_at  TEXT,                            -- in the trash
  CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
-- The grid pages newest-first: these keep paging, counting and the name search inside an index
-- (the rowid is part of every index, so `ORDER BY imported_at, rowid` needs no sort).
CREATE INDEX library_image_live ON library_image (deleted_at, imported_at, name_lower);
CREATE INDEX library_image_use ON library_image (use, deleted_at, imported_at);
CREATE INDEX library_image_status ON library_image (status, deleted_at, imported_at);
CREATE INDEX library_image_parent ON library_image (parent_id);
CREATE INDEX library_image_trash ON library_image (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX library_image_thumb ON library_image (thumb) WHERE thumb <> 'done';
CREATE INDEX library_image_taken ON library_image (taken_at);

-- Hierarchical tags by path: 夏装/连衣裙 (a filter on 夏装 includes 夏装/…).
CREATE TABLE library_tag (
  id         TEXT PRIMARY KEY,
  path       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE library_image_tag (
  image_id TEXT NOT NULL REFERENCES library_image (id),
  tag_id   TEXT NOT NULL REFERENCES library_tag (id),
  PRIMARY KEY (image_id, tag_id)
) STRICT;
CREATE INDEX library_image_tag_tag ON library_image_tag (tag_id, image_id);

CREATE TABLE library_image_sku (
  image_id TEXT NOT NULL REFERENCES library_image (id),
  sku_id   TEXT NOT NULL REFERENCES sku (id),
  PRIMARY KEY (image_id, sku_id)
) STRICT;
CREATE INDEX library_image_sku_sku ON library_image_sku (sku_id, image_id);

-- Deliverables of a design task: library images attached to it.
CREATE TABLE art_task_image (
  task_id  TEXT NOT NULL REFERENCES art_task (id),
  image_id TEXT NOT NULL REFERENCES library_image (id),
  added_at TEXT NOT NULL,
  added_by TEXT,
  PRIMARY KEY (task_id, image_id)
) STRICT;
CREATE INDEX art_task_image_image ON art_task_image (image_id);

-- Shop settings of the art tab (the image rules), one JSON value per key.
CREATE TABLE art_setting (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
) STRICT;
