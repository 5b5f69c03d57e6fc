-- 0012: customer service — pre-sales (售前, §12, §15.4): the inquiry log (咨询记录), reply
-- templates (快捷回复/话术库) and product knowledge (产品知识) with the agents' "learned" records.
-- Knowledge versions and learned records are facts (append-only by trigger). An inquiry keeps who
-- asked, what and when for good; only its outcome, order link and note change (version-checked).

CREATE TABLE presales_inquiry (
  id          TEXT PRIMARY KEY,
  buyer_id    TEXT NOT NULL REFERENCES buyer (id),
  member_name TEXT NOT NULL,                       -- 旺旺 as typed at the time
  product_id  TEXT REFERENCES product (id),
  sku_id      TEXT REFERENCES sku (id),
  question    TEXT NOT NULL CHECK (question IN ('size', 'material', 'price', 'shipping', 'stock', 'promotion', 'after_sales', 'other')),
  outcome     TEXT NOT NULL CHECK (outcome IN ('ordered', 'not_ordered', 'pending')),
  order_id    TEXT REFERENCES sales_order (id),    -- the order the inquiry led to (credit, §12.11)
  note        TEXT NOT NULL DEFAULT '',
  staff_id    TEXT NOT NULL REFERENCES staff (id), -- the agent who took it
  at          TEXT NOT NULL,                       -- UTC ISO
  outcome_at  TEXT,                                -- when the outcome was last set after creation
  updated_at  TEXT NOT NULL,                       -- HLC: the version
  updated_by  TEXT,
  CHECK (order_id IS NULL OR outcome = 'ordered')
) STRICT;
CREATE INDEX presales_inquiry_at ON presales_inquiry (at);
CREATE INDEX presales_inquiry_staff ON presales_inquiry (staff_id, at);
CREATE INDEX presales_inquiry_buyer ON presales_inquiry (buyer_id, at);
CREATE INDEX presales_inquiry_order ON presales_inquiry (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX presales_inquiry_product ON presales_inquiry (product_id, at) WHERE product_id IS NOT NULL;
CREATE TRIGGER presales_inquiry_keep BEFORE UPDATE OF id, buyer_id, member_name, product_id, sku_id, question, staff_id, at ON presales_inquiry
BEGIN SELECT RAISE(ABORT, 'presales_inquiry: only outcome, order and note change'); END;
CREATE TRIGGER presales_inquiry_no_delete BEFORE DELETE ON presales_inquiry
BEGIN SELECT RAISE(ABORT, 'presales_inquiry is never deleted'); END;

CREATE TABLE reply_template (
  id          TEXT PRIMARY KEY,
  category    TEXT NOT NULL CHECK (category IN ('greeting', 'product', 'bargain', 'shipping', 'after_sales', 'other')),
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  search_text TEXT NOT NULL DEFAULT '',            -- lower-cased title + body + pinyin initials of the title
  created_at  TEXT NOT NULL,
  created_by  TEXT,
  updated_at  TEXT NOT NULL,                       -- HLC: the version
  updated_by  TEXT,
  deleted_at  TEXT
) STRICT;
CREATE INDEX reply_template_live ON reply_template (category, title) WHERE deleted_at IS NULL;

-- The current knowledge of a product (its head); every edit appends a version.
CREATE TABLE product_knowledge (
  product_id TEXT PRIMARY KEY REFERENCES product (id),
  version    INTEGER NOT NULL CHECK (version >= 1),
  updated_at TEXT NOT NULL,
  updated_by TEXT
) STRICT;
CREATE TABLE product_knowledge_version (
  id             TEXT PRIMARY KEY,
  product_id     TEXT NOT NULL REFERENCES product (id),
  version        INTEGER NOT NULL CHECK (version >= 1),
  selling_points TEXT NOT NULL DEFAULT '',
  sizes          TEXT NOT NULL DEFAULT '',
  material       TEXT NOT NULL DEFAULT '',
  faqs           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(faqs)), -- [{ "q": …, "a": … }]
  notes          TEXT NOT NULL DEFAULT '',
  at             TEXT NOT NULL,
  staff_id       TEXT REFERENCES staff (id)
) STRICT;
CREATE UNIQUE INDEX product_knowledge_version_no ON product_knowledge_version (product_id, version);
CREATE TRIGGER product_knowledge_version_no_edit BEFORE UPDATE ON product_knowledge_version
BEGIN SELECT RAISE(ABORT, 'product_knowledge_version is append-only'); END;
CREATE TRIGGER product_knowledge_version_no_delete BEFORE DELETE ON product_knowledge_version
BEGIN SELECT RAISE(ABORT, 'product_knowledge_version is append-only'); END;

-- 已学习: an agent read a version of a product's knowledge (§15.4: before the product is listed).
CREATE TABLE product_knowledge_learned (
  id         TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES product (id),
  version    INTEGER NOT NULL,
  staff_id   TEXT NOT NULL REFERENCES staff (id),
  at         TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX product_knowledge_learned_once ON product_knowledge_learned (product_id, version, staff_id);
CREATE INDEX product_knowledge_learned_staff ON product_knowledge_learned (staff_id, at);
CREATE TRIGGER product_knowledge_learned_no_edit BEFORE UPDATE ON product_knowledge_learned
BEGIN SELECT RAISE(ABORT, 'product_knowledge_learned is append-only'); END;
CREATE TRIGGER product_knowledge_learned_no_delete BEFORE DELETE ON product_knowledge_learned
BEGIN SELECT RAISE(ABORT, 'product_knowledge_learned is append-only'); END;

-- The coverage list walks listed / not-yet-listed live products by title.
CREATE INDEX product_listed_live ON product (listed, title) WHERE archived_at IS NULL AND deleted_at IS NULL;
