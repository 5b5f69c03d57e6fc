-- 0010: customer service (客服) part 2 — the complaint register (投诉处理登记表, §14).
-- A complaint row holds the current state; handling steps and notices are append-only facts.

-- Per-severity deadlines (shop-configurable): minutes to first response and to resolution.
CREATE TABLE complaint_setting (
  severity         TEXT PRIMARY KEY CHECK (severity IN ('normal', 'major', 'severe')),
  response_minutes INTEGER NOT NULL CHECK (response_minutes BETWEEN 1 AND 43200),
  resolve_minutes  INTEGER NOT NULL CHECK (resolve_minutes BETWEEN 1 AND 43200)
) STRICT;
INSERT INTO complaint_setting (severity, response_minutes, resolve_minutes) VALUES
  ('severe', 60, 1440),
  ('major', 240, 2880),
  ('normal', 1440, 4320);

CREATE TABLE complaint (
  id                 TEXT PRIMARY KEY,
  complaint_no       TEXT NOT NULL UNIQUE,       -- TS-<device>-<day>-<seq>
  received_at        TEXT NOT NULL,              -- when the buyer complained, UTC ISO
  channel            TEXT NOT NULL CHECK (channel IN ('wangwang', 'phone', 'sms', 'platform', 'other')),
  buyer_id           TEXT REFERENCES buyer (id),
  member_name        TEXT NOT NULL DEFAULT '',
  order_id           TEXT REFERENCES sales_order (id),
  sku_id             TEXT REFERENCES sku (id),   -- the product complained about, if known
  product            TEXT NOT NULL DEFAULT '',   -- its title as the agent wrote it
  category           TEXT NOT NULL CHECK (category IN ('quality', 'logistics', 'attitude', 'mismatch', 'aftersale', 'other')),
  severity           TEXT NOT NULL CHECK (severity IN ('normal', 'major', 'severe')),
  description        TEXT NOT NULL,
  handler_id         TEXT REFERENCES staff (id),
  status             TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'confirmed', 'archived')),
  response_due_at    TEXT NOT NULL,
  resolve_due_at     TEXT NOT NULL,
  first_response_at  TEXT,                       -- the first handling step
  result             TEXT NOT NULL DEFAULT '',
  resolved_at        TEXT,
  confirmed_at       TEXT,
  confirmed_by       TEXT REFERENCES staff (id),
  callback_due_at    TEXT,                       -- scheduled 回访
  callback_at        TEXT,
  callback_by        TEXT REFERENCES staff (id),
  satisfaction       INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  evaluation         TEXT NOT NULL DEFAULT '',   -- 客户评价单 comments
  archived_at        TEXT,
  created_at         TEXT NOT NULL,
  created_by         TEXT,
  updated_at         TEXT NOT NULL,              -- HLC: the version
  updated_by         TEXT,
  CHECK (status <> 'archived' OR (confirmed_at IS NOT NULL AND callback_at IS NOT NULL))
) STRICT;
CREATE INDEX complaint_received ON complaint (received_at);
CREATE INDEX complaint_status ON complaint (status, received_at);
CREATE INDEX complaint_buyer ON complaint (buyer_id, received_at);
CREATE INDEX complaint_order ON complaint (order_id) WHERE order_id IS NOT NULL;

-- Handling timeline: investigation notes and handling steps, append-only.
CREATE TABLE complaint_step (
  id           TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaint (id),
  at           TEXT NOT NULL,
  staff_id     TEXT REFERENCES staff (id),
  kind         TEXT NOT NULL CHECK (kind IN ('registered', 'investigation', 'step', 'resolved', 'confirmed', 'callbackScheduled', 'callback', 'archived')),
  text         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX complaint_step_complaint ON complaint_step (complaint_id, at);
CREATE TRIGGER complaint_step_no_update BEFORE UPDATE ON complaint_step
BEGIN SELECT RAISE(ABORT, 'complaint_step is append-only'); END;
CREATE TRIGGER complaint_step_no_delete BEFORE DELETE ON complaint_step
BEGIN SELECT RAISE(ABORT, 'complaint_step is append-only'); END;

-- In-app notices: a severe complaint notifies the CS supervisor and the store manager at once.
CREATE TABLE complaint_notice (
  id           TEXT PRIMARY KEY,
  complaint_id TEXT NOT NULL REFERENCES complaint (id),
  role         TEXT NOT NULL,
  at           TEXT NOT NULL
) STRICT;
CREATE INDEX complaint_notice_role ON complaint_notice (role, at);
CREATE TRIGGER complaint_notice_no_update BEFORE UPDATE ON complaint_notice
BEGIN SELECT RAISE(ABORT, 'complaint_notice is append-only'); END;
CREATE TRIGGER complaint_notice_no_delete BEFORE DELETE ON complaint_notice
BEGIN SELECT RAISE(ABORT, 'complaint_notice is append-only'); END;
-- Who has read which notice.
CREATE TABLE complaint_notice_read (
  notice_id TEXT NOT NULL REFERENCES complaint_notice (id),
  staff_id  TEXT NOT NULL REFERENCES staff (id),
  at        TEXT NOT NULL,
  PRIMARY KEY (notice_id, staff_id)
) STRICT;
