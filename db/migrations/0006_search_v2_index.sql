-- Search v2: per-field name columns, joined forms and transliteration keys in the full-text index, a trigram
-- index for substrings (detail=none keeps it small; search_docs holds case- and accent-folded text, so an
-- indexed LIKE '%kamera%' per column finds substrings in every script). The old index is dropped and search_docs emptied here (without triggers, so the two stay
-- consistent); the normalisation step at open time (db/search/reindex.ts) refills both from the items, because
-- normalising needs JavaScript.
DROP TRIGGER IF EXISTS `search_docs_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_docs_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `search_docs_after_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `search_fts`;
--> statement-breakpoint
DELETE FROM `search_docs`;
--> statement-breakpoint
DELETE FROM `search_meta` WHERE `key` = 'normalisation_version';
--> statement-breakpoint
CREATE INDEX `search_docs_day_idx` ON `search_docs` (`day`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  title, quote, names, body, speaker, place, outlet, joined, speaker_keys, place_keys, name_keys,
  content='search_docs', content_rowid='doc_id',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
INSERT INTO `search_fts`(`search_fts`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_trigram` USING fts5(
  title, quote, names, body, speaker, place, outlet,
  content='search_docs', content_rowid='doc_id',
  tokenize='trigram',
  detail='none'
);
--> statement-breakpoint
INSERT INTO `search_trigram`(`search_trigram`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
CREATE TRIGGER `search_docs_after_insert` AFTER INSERT ON `search_docs` BEGIN
  INSERT INTO `search_fts`(rowid, title, quote, names, body, speaker, place, outlet, joined, speaker_keys, place_keys, name_keys)
  VALUES (new.doc_id, new.title, new.quote, new.names, new.body, new.speaker, new.place, new.outlet, new.joined,
          new.speaker_keys, new.place_keys, new.name_keys);
  INSERT INTO `search_trigram`(rowid, title, quote, names, body, speaker, place, outlet)
  VALUES (new.doc_id, new.title, new.quote, new.names, new.body, new.speaker, new.place, new.outlet);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_after_delete` AFTER DELETE ON `search_docs` BEGIN
  INSERT INTO `search_fts`(`search_fts`, rowid, title, quote, names, body, speaker, place, outlet, joined, speaker_keys, place_keys, name_keys)
  VALUES ('delete', old.doc_id, old.title, old.quote, old.names, old.body, old.speaker, old.place, old.outlet, old.joined,
          old.speaker_keys, old.place_keys, old.name_keys);
  INSERT INTO `search_trigram`(`search_trigram`, rowid, title, quote, names, body, speaker, place, outlet)
  VALUES ('delete', old.doc_id, old.title, old.quote, old.names, old.body, old.speaker, old.place, old.outlet);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_after_update` AFTER UPDATE ON `search_docs` BEGIN
  INSERT INTO `search_fts`(`search_fts`, rowid, title, quote, names, body, speaker, place, outlet, joined, speaker_keys, place_keys, name_keys)
  VALUES ('delete', old.doc_id, old.title, old.quote, old.names, old.body, old.speaker, old.place, old.outlet, old.joined,
          old.speaker_keys, old.place_keys, old.name_keys);
  INSERT INTO `search_trigram`(`search_trigram`, rowid, title, quote, names, body, speaker, place, outlet)
  VALUES ('delete', old.doc_id, old.title, old.quote, old.names, old.body, old.speaker, old.place, old.outlet);
  INSERT INTO `search_fts`(rowid, title, quote, names, body, speaker, place, outlet, joined, speaker_keys, place_keys, name_keys)
  VALUES (new.doc_id, new.title, new.quote, new.names, new.body, new.speaker, new.place, new.outlet, new.joined,
          new.speaker_keys, new.place_keys, new.name_keys);
  INSERT INTO `search_trigram`(rowid, title, quote, names, body, speaker, place, outlet)
  VALUES (new.doc_id, new.title, new.quote, new.names, new.body, new.speaker, new.place, new.outlet);
END;
