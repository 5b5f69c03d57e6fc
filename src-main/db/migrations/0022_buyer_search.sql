-- 0022: buyer search at 500,000 buyers. A search for a real name, pinyin initials or a phone's
-- last 4 digits listed its page by looking up each matching buyer (the id index, the buyer row)
-- — two random pages per row on top of the order index, 25–40 ms when they were not cached.
-- The key table now carries what a list row shows of the buyer (member name, real name, phones,
-- tags, VIP level), clustered by (key, buyer_id): the matches of one key lie together and a page
-- of results is one short range read. The copy is rewritten with the keys on every insert,
-- update and merge of a buyer (`insertBuyer` / `reindexBuyer` in buyers.ts, the only writers).
-- A slim (key, buyer_id) index keeps counting the matches for the total as cheap as before.
CREATE TABLE buyer_search_new (
  key         TEXT NOT NULL,
  buyer_id    TEXT NOT NULL REFERENCES buyer (id),
  member_name TEXT NOT NULL,
  real_name   TEXT NOT NULL,
  phones      TEXT NOT NULL,   -- the buyer's JSON array, unmasked (masked when listed)
  tags        TEXT NOT NULL,
  vip_level   INTEGER NOT NULL,
  PRIMARY KEY (key, buyer_id)
) STRICT, WITHOUT ROWID;
INSERT INTO buyer_search_new (key, buyer_id, member_name, real_name, phones, tags, vip_level)
  SELECT s.key, s.buyer_id, b.member_name, b.real_name, b.phones, b.tags, b.vip_level
  FROM buyer_search s JOIN buyer b ON b.id = s.buyer_id
  ORDER BY s.key, s.buyer_id;
DROP TABLE buyer_search;
ALTER TABLE buyer_search_new RENAME TO buyer_search;
CREATE INDEX buyer_search_key ON buyer_search (key, buyer_id);
CREATE INDEX buyer_search_buyer ON buyer_search (buyer_id);
