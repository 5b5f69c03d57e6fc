-- 0019: promotion creative (活动美工任务, §10.4) and the checklist edits.
-- A campaign's creative tasks are art_task rows with promotion_id set and a creative_kind: one
-- live task per campaign and kind (banner 促销图, page 活动页, homepage 首页更新), so creating them
-- again never duplicates. Checklist items can be removed while not ticked: a tombstone
-- (deleted_at/by), never a DELETE, so the change log and the item stay readable.

ALTER TABLE art_task ADD COLUMN creative_kind TEXT
  CHECK (creative_kind IS NULL OR creative_kind IN ('banner', 'page', 'homepage'));
CREATE UNIQUE INDEX art_task_creative ON art_task (promotion_id, creative_kind)
  WHERE creative_kind IS NOT NULL AND deleted_at IS NULL;

ALTER TABLE promotion_task ADD COLUMN deleted_at TEXT;
ALTER TABLE promotion_task ADD COLUMN deleted_by TEXT REFERENCES staff (id);
ALTER TABLE promotion_task ADD COLUMN updated_at TEXT;
ALTER TABLE promotion_task ADD COLUMN updated_by TEXT REFERENCES staff (id);
