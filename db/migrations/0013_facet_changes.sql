-- Which search rows may have changed facet values (type, year, outlet, tags, cases) since a connection last counted
-- facets (db/search/facets.ts), so that it brings its in-memory table up to date instead of rebuilding it after
-- every write (during an import, every few milliseconds). doc_id NULL stands for any number of rows: a tag or case
-- renamed or deleted. Only the newest 10,000 entries are kept; a connection that fell further behind rebuilds.
CREATE TABLE `facet_changes` (
  `seq` integer PRIMARY KEY NOT NULL,
  `doc_id` integer
);
--> statement-breakpoint
CREATE TRIGGER `facet_changes_keep_newest` AFTER INSERT ON `facet_changes` BEGIN
  DELETE FROM `facet_changes` WHERE seq <= new.seq - 10000;
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_facets_after_insert` AFTER INSERT ON `search_docs` BEGIN
  INSERT INTO `facet_changes`(doc_id) VALUES (new.doc_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_facets_after_update` AFTER UPDATE ON `search_docs` BEGIN
  INSERT INTO `facet_changes`(doc_id) VALUES (new.doc_id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_facets_after_delete` AFTER DELETE ON `search_docs` BEGIN
  INSERT INTO `facet_changes`(doc_id) VALUES (old.doc_id);
END;
--> statement-breakpoint
CREATE TRIGGER `articles_facets_after_update` AFTER UPDATE OF `outlet` ON `articles` BEGIN
  INSERT INTO `facet_changes`(doc_id) SELECT doc_id FROM `search_docs` WHERE item_id = new.item_id;
END;
--> statement-breakpoint
CREATE TRIGGER `item_tags_facets_after_insert` AFTER INSERT ON `item_tags` BEGIN
  INSERT INTO `facet_changes`(doc_id) SELECT doc_id FROM `search_docs` WHERE item_id = new.item_id;
END;
--> statement-breakpoint
CREATE TRIGGER `item_tags_facets_after_delete` AFTER DELETE ON `item_tags` BEGIN
  INSERT INTO `facet_changes`(doc_id) SELECT doc_id FROM `search_docs` WHERE item_id = old.item_id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_items_facets_after_insert` AFTER INSERT ON `case_items` BEGIN
  INSERT INTO `facet_changes`(doc_id) SELECT doc_id FROM `search_docs` WHERE item_id = new.item_id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_items_facets_after_delete` AFTER DELETE ON `case_items` BEGIN
  INSERT INTO `facet_changes`(doc_id) SELECT doc_id FROM `search_docs` WHERE item_id = old.item_id;
END;
--> statement-breakpoint
CREATE TRIGGER `tags_facets_after_update` AFTER UPDATE OF `name` ON `tags` BEGIN
  INSERT INTO `facet_changes`(doc_id) VALUES (NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tags_facets_after_delete` AFTER DELETE ON `tags` BEGIN
  INSERT INTO `facet_changes`(doc_id) VALUES (NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_facets_after_update` AFTER UPDATE OF `name`, `deleted_at` ON `cases` BEGIN
  INSERT INTO `facet_changes`(doc_id) VALUES (NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_facets_after_delete` AFTER DELETE ON `cases` BEGIN
  INSERT INTO `facet_changes`(doc_id) VALUES (NULL);
END;
