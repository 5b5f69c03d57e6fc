-- 0006: staffing — shift templates per team, the weekly rota (排班表), clock-in/out punches
-- (打卡, append-only facts), attendance settings and the monthly assessment scores (月度考核).
-- Teams: 'warehouse' (仓储: wh_supervisor, wh_agent) and 'service' (客服: cs_supervisor, cs_agent).
-- Shift times are minutes after the shop-local midnight of the shift's date; a shift may end at
-- 1440 (24:00) and then belongs to its start date.

CREATE TABLE shift_template (
  id          TEXT PRIMARY KEY,
  team        TEXT NOT NULL CHECK (team IN ('warehouse', 'service')),
  name        TEXT NOT NULL,
  start_min   INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  end_min     INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
  sort_order  INTEGER NOT NULL DEFAULT 0,
  archived_at TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT,
  CHECK (end_min > start_min)
) STRICT;
CREATE INDEX shift_template_team ON shift_template (team, sort_order);

-- The rulebook's shifts (§15.1: 早班 8:00–17:00, 晚班 16:00–24:00) and the warehouse day shift.
-- Fixed ids so that every install starts with the same three templates.
INSERT INTO shift_template (id, team, name, start_min, end_min, sort_order, created_at, updated_at) VALUES
  ('01930000-0000-7000-8000-000000000001', 'service', '早班', 480, 1020, 1, '2026-01-01T00:00:00.000Z', '0000000000000-0000-SEED'),
  ('01930000-0000-7000-8000-000000000002', 'service', '晚班', 960, 1440, 2, '2026-01-01T00:00:00.000Z', '0000000000000-0000-SEED'),
  ('01930000-0000-7000-8000-000000000003', 'warehouse', '白班', 540, 1080, 1, '2026-01-01T00:00:00.000Z', '0000000000000-0000-SEED');

-- One cell of the rota: a person's shift (or rest) on a shop-local date. Working data (edited
-- by supervisors; every change is in change_log). The shift's times are copied from its template
-- when assigned, so editing a template later does not rewrite past weeks.
CREATE TABLE rota_entry (
  id          TEXT PRIMARY KEY,
  team        TEXT NOT NULL CHECK (team IN ('warehouse', 'service')),
  staff_id    TEXT NOT NULL REFERENCES staff (id),
  work_date   TEXT NOT NULL,                          -- shop-local yyyy-mm-dd
  kind        TEXT NOT NULL CHECK (kind IN ('shift', 'rest')),
  template_id TEXT REFERENCES shift_template (id),
  shift_name  TEXT NOT NULL DEFAULT '',
  start_min   INTEGER,
  end_min     INTEGER,
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT,
  UNIQUE (staff_id, work_date),
  CHECK ((kind = 'shift') = (template_id IS NOT NULL AND start_min IS NOT NULL AND end_min IS NOT NULL))
) STRICT;
CREATE INDEX rota_entry_team_date ON rota_entry (team, work_date);

-- Clock-in / clock-out punches: facts, never changed or removed. A supervisor's correction is a
-- new row (source 'correction', with a reason); it may supersede an earlier punch (replaces_id),
-- or cancel one (kind 'void').
CREATE TABLE attendance_punch (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  staff_id    TEXT NOT NULL REFERENCES staff (id),
  kind        TEXT NOT NULL CHECK (kind IN ('in', 'out', 'void')),
  at          TEXT NOT NULL,                          -- UTC ISO-8601: the time worked
  source      TEXT NOT NULL CHECK (source IN ('self', 'correction')),
  replaces_id TEXT REFERENCES attendance_punch (id),
  reason      TEXT NOT NULL DEFAULT '',
  device      TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES staff (id),
  hlc         TEXT NOT NULL,
  CHECK (source = 'correction' OR (replaces_id IS NULL AND kind <> 'void')),
  CHECK (kind <> 'void' OR replaces_id IS NOT NULL)
) STRICT;
CREATE INDEX attendance_punch_staff_at ON attendance_punch (staff_id, at);
CREATE INDEX attendance_punch_replaces ON attendance_punch (replaces_id) WHERE replaces_id IS NOT NULL;
CREATE TRIGGER attendance_punch_no_update BEFORE UPDATE ON attendance_punch
BEGIN SELECT RAISE(ABORT, 'attendance_punch is append-only'); END;
CREATE TRIGGER attendance_punch_no_delete BEFORE DELETE ON attendance_punch
BEGIN SELECT RAISE(ABORT, 'attendance_punch is append-only'); END;

-- Attendance rules (one row): minutes of grace before a clock-in counts as late, and before
-- the shift's end a clock-out counts as leaving early.
CREATE TABLE attendance_setting (
  id             TEXT PRIMARY KEY CHECK (id = 'attendance'),
  late_grace_min INTEGER NOT NULL CHECK (late_grace_min BETWEEN 0 AND 120),
  early_grace_min INTEGER NOT NULL CHECK (early_grace_min BETWEEN 0 AND 120),
  updated_at     TEXT NOT NULL,
  updated_by     TEXT
) STRICT;
INSERT INTO attendance_setting (id, late_grace_min, early_grace_min, updated_at)
VALUES ('attendance', 5, 0, '0000000000000-0000-SEED');

-- The supervisor's monthly score (0–100) and comments per person.
CREATE TABLE assessment_score (
  id         TEXT PRIMARY KEY,
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  month      TEXT NOT NULL,                           -- shop-local yyyy-mm
  score      INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),
  comment    TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  UNIQUE (month, staff_id)
) STRICT;

-- The assessment counts documents and sales-out lines posted by a person in a month.
CREATE INDEX stock_document_posted ON stock_document (posted_at, posted_by) WHERE posted_at IS NOT NULL;
