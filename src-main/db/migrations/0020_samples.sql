-- Sample products lent to the art team (样品借出, issue 5 §1; rulebook §9, §11.4).
-- A loan is requested on a design task, issued by the warehouse on a posted 其他出库 (reason 样品借出)
-- and comes back on posted 其他入库 documents (reason 样品归还). Posted documents are immutable, so
-- the loan links to them from here (sample_event.document_id), never the other way.

-- The loan: current state (working data; every change is in change_log and sample_event).
CREATE TABLE sample_loan (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,              -- YP-<device>-<yyyymmdd>-<seq>
  task_id TEXT NOT NULL REFERENCES art_task(id),
  borrower_id TEXT NOT NULL REFERENCES staff(id), -- the designer (the task's assignee, else the requester)
  due_date TEXT NOT NULL,                   -- expected return, shop-local yyyy-mm-dd
  status TEXT NOT NULL CHECK (status IN ('requested', 'out', 'closed', 'cancelled')),
  notes TEXT NOT NULL DEFAULT '',
  requested_at TEXT NOT NULL,
  requested_by TEXT NOT NULL REFERENCES staff(id),
  issued_at TEXT,
  issued_by TEXT REFERENCES staff(id),
  out_document_id TEXT REFERENCES stock_document(id),
  closed_at TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX sample_loan_task ON sample_loan (task_id);
CREATE INDEX sample_loan_status ON sample_loan (status, due_date);
CREATE INDEX sample_loan_borrower ON sample_loan (borrower_id, status);

-- Per SKU: requested, issued, returned good / damaged, written off (counters kept with the events).
CREATE TABLE sample_loan_line (
  id TEXT PRIMARY KEY,
  loan_id TEXT NOT NULL REFERENCES sample_loan(id),
  line_no INTEGER NOT NULL,
  sku_id TEXT NOT NULL REFERENCES sku(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  issued INTEGER NOT NULL DEFAULT 0 CHECK (issued >= 0),
  returned_good INTEGER NOT NULL DEFAULT 0 CHECK (returned_good >= 0),
  returned_damaged INTEGER NOT NULL DEFAULT 0 CHECK (returned_damaged >= 0),
  written_off INTEGER NOT NULL DEFAULT 0 CHECK (written_off >= 0),
  CHECK (returned_good + returned_damaged + written_off <= issued),
  UNIQUE (loan_id, sku_id)
) STRICT;
CREATE INDEX sample_loan_line_sku ON sample_loan_line (sku_id);

-- The loan's history, append-only: requested, issued (the outbound), returned (the inbound),
-- written off (reason), cancelled, and the art supervisor completing the task with samples out.
CREATE TABLE sample_event (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  loan_id TEXT REFERENCES sample_loan(id),
  task_id TEXT NOT NULL REFERENCES art_task(id),
  kind TEXT NOT NULL CHECK (kind IN ('requested', 'issued', 'returned', 'writtenOff', 'cancelled', 'completedWithSamplesOut')),
  document_id TEXT REFERENCES stock_document(id),
  reason TEXT NOT NULL DEFAULT '',
  lines TEXT NOT NULL DEFAULT '[]',         -- JSON [{skuId, code, good?, damaged?, quantity?}]
  at TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX sample_event_loan ON sample_event (loan_id, seq);
CREATE INDEX sample_event_task ON sample_event (task_id, seq);
CREATE INDEX sample_event_document ON sample_event (document_id);
CREATE TRIGGER sample_event_no_update BEFORE UPDATE ON sample_event
BEGIN SELECT RAISE(ABORT, 'sample_event is append-only'); END;
CREATE TRIGGER sample_event_no_delete BEFORE DELETE ON sample_event
BEGIN SELECT RAISE(ABORT, 'sample_event is append-only'); END;
