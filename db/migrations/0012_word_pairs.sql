-- The index of word pairs (db/search/pairs.ts): each text column of search_docs as the pairs of neighbouring words,
-- so that phrases of common words are answered from short lists. Contentless, since the pairs are derived and never
-- shown, and contentless_delete, so that a row is removed by its id alone: removing it with FTS5's 'delete' command
-- would mean computing its pairs again, and pairs computed by another version (another Unicode table in JavaScript)
-- would corrupt the index. A removed row's pairs stay in the file until FTS5 merges the segment holding them, so a
-- purge merges the whole index (db/ops/trash.ts). word_pairs() is registered by the archive connection before it
-- migrates. Triggers beside those of migration 0006 keep the pairs in step with every change to search_docs.
CREATE VIRTUAL TABLE `search_pairs` USING fts5(
  title, quote, names, body, speaker, place, outlet,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2 tokenchars ''_'''
);
--> statement-breakpoint
INSERT INTO `search_pairs`(rowid, title, quote, names, body, speaker, place, outlet)
  SELECT doc_id, word_pairs(title), word_pairs(quote), word_pairs(names), word_pairs(body), word_pairs(speaker),
         word_pairs(place), word_pairs(outlet)
    FROM `search_docs`;
--> statement-breakpoint
INSERT INTO `search_pairs`(`search_pairs`) VALUES ('optimize');
--> statement-breakpoint
CREATE TRIGGER `search_docs_pairs_after_insert` AFTER INSERT ON `search_docs` BEGIN
  INSERT INTO `search_pairs`(rowid, title, quote, names, body, speaker, place, outlet)
  VALUES (new.doc_id, word_pairs(new.title), word_pairs(new.quote), word_pairs(new.names), word_pairs(new.body),
          word_pairs(new.speaker), word_pairs(new.place), word_pairs(new.outlet));
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_pairs_after_delete` AFTER DELETE ON `search_docs` BEGIN
  DELETE FROM `search_pairs` WHERE rowid = old.doc_id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_docs_pairs_after_update` AFTER UPDATE ON `search_docs` BEGIN
  DELETE FROM `search_pairs` WHERE rowid = old.doc_id;
  INSERT INTO `search_pairs`(rowid, title, quote, names, body, speaker, place, outlet)
  VALUES (new.doc_id, word_pairs(new.title), word_pairs(new.quote), word_pairs(new.names), word_pairs(new.body),
          word_pairs(new.speaker), word_pairs(new.place), word_pairs(new.outlet));
END;
