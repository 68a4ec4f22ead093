-- Full-text index over the normalised text in search_docs (external content), kept in step by triggers.
-- secure-delete makes purged text leave the index instead of lingering until the next merge.
CREATE VIRTUAL TABLE `search_fts` USING fts5(
  title, quote, names, body,
  content='search_docs', content_rowid='doc_id',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
INSERT INTO `search_fts`(`search_fts`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
CREATE TRIGGER `search_docs_after_insert` AFTER INSERT ON `search_docs` BEGIN
  INSERT INTO `search_fts`(rowid, title, quote, names, body)
  VALUES (new.doc_id, new.title, new.quote, new.names, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_after_delete` AFTER DELETE ON `search_docs` BEGIN
  INSERT INTO `search_fts`(`search_fts`, rowid, title, quote, names, body)
  VALUES ('delete', old.doc_id, old.title, old.quote, old.names, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_after_update` AFTER UPDATE ON `search_docs` BEGIN
  INSERT INTO `search_fts`(`search_fts`, rowid, title, quote, names, body)
  VALUES ('delete', old.doc_id, old.title, old.quote, old.names, old.body);
  INSERT INTO `search_fts`(rowid, title, quote, names, body)
  VALUES (new.doc_id, new.title, new.quote, new.names, new.body);
END;
--> statement-breakpoint
-- The audit log is append-only: no statement may rewrite or remove history.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: the audit log cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY: the audit log cannot be changed');
END;
--> statement-breakpoint
-- Blobs are content-addressed originals: they never change once written.
CREATE TRIGGER `blobs_no_update` BEFORE UPDATE ON `blobs` BEGIN
  SELECT RAISE(ABORT, 'ORIGINAL_IMMUTABLE: stored originals cannot be changed');
END;
