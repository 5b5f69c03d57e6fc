-- library_cold (assigned 0023; numbered after the last migration on this branch — the integrator
-- renumbers in merge order): the image library's first screen without a full read.
-- With 100,000 images the tag tree's counts (GROUP BY over ~190,000 tag links) and the grid's total
-- (a count of every live image) read megabytes of index on a cold start (1.5 s with the OS cache
-- empty). These two counters answer them by key. They are derived cache state kept exact by the
-- triggers below in the same transaction as the write (a rollback undoes them too); not facts, not
-- in change_log.

-- Live (not trashed) images per tag.
CREATE TABLE library_tag_live (
  tag_id TEXT PRIMARY KEY REFERENCES library_tag (id),
  images INTEGER NOT NULL CHECK (images >= 0)
) STRICT;

-- Live images in the library (one row).
CREATE TABLE library_live_count (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  images INTEGER NOT NULL CHECK (images >= 0)
) STRICT;

INSERT INTO library_live_count (id, images)
  SELECT 1, COUNT(*) FROM library_image WHERE deleted_at IS NULL;
INSERT INTO library_tag_live (tag_id, images)
  SELECT it.tag_id, COUNT(*) FROM library_image_tag it JOIN library_image i ON i.id = it.image_id
  WHERE i.deleted_at IS NULL GROUP BY it.tag_id;

CREATE TRIGGER library_live_ins AFTER INSERT ON library_image WHEN new.deleted_at IS NULL
BEGIN
  UPDATE library_live_count SET images = images + 1 WHERE id = 1;
END;
CREATE TRIGGER library_live_del AFTER DELETE ON library_image WHEN old.deleted_at IS NULL
BEGIN
  UPDATE library_live_count SET images = images - 1 WHERE id = 1;
END;
-- Trash and restore: the image and each of its tags' counts.
CREATE TRIGGER library_live_trash AFTER UPDATE OF deleted_at ON library_image
  WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
BEGIN
  UPDATE library_live_count SET images = images + (CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)
    WHERE id = 1;
  UPDATE library_tag_live SET images = images + (CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)
    WHERE tag_id IN (SELECT tag_id FROM library_image_tag WHERE image_id = new.id);
END;
CREATE TRIGGER library_tag_live_ins AFTER INSERT ON library_image_tag
  WHEN (SELECT deleted_at IS NULL FROM library_image WHERE id = new.image_id)
BEGIN
  INSERT INTO library_tag_live (tag_id, images) VALUES (new.tag_id, 1)
    ON CONFLICT (tag_id) DO UPDATE SET images = images + 1;
END;
CREATE TRIGGER library_tag_live_del AFTER DELETE ON library_image_tag
  WHEN (SELECT deleted_at IS NULL FROM library_image WHERE id = old.image_id)
BEGIN
  UPDATE library_tag_live SET images = images - 1 WHERE tag_id = old.tag_id;
END;
CREATE TRIGGER library_tag_live_upd AFTER UPDATE ON library_image_tag
BEGIN
  UPDATE library_tag_live SET images = images - 1
    WHERE tag_id = old.tag_id AND (SELECT deleted_at IS NULL FROM library_image WHERE id = old.image_id);
  INSERT INTO library_tag_live (tag_id, images)
    SELECT new.tag_id, 1 WHERE (SELECT deleted_at IS NULL FROM library_image WHERE id = new.image_id)
    ON CONFLICT (tag_id) DO UPDATE SET images = images + 1;
END;
