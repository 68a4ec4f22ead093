// `dossier --help`. Keep in step with the CLI reference in README.md.
export const USAGE = `dossier: the command line of Dossier, an offline archive for investigators

Usage: dossier COMMAND [ARGUMENTS] [--db FILE] [--json]

  import PATH...                  import files or folders (recursive): .txt .md .html
  search QUERY [--type T] [--limit N] [--offset N] [--sort relevance|date] [--facets] [--suggest]
                                  ranked full-text search: words, "phrases", OR, -word, prefix*,
                                  *substring*, a NEAR/5 b, speaker: place: source: type: tag: case:
                                  lang: from: to: (see README, "Search syntax")
  saved list | saved add QUERY [--name N] | saved delete ID|NAME
                                  saved searches
  watch list | watch add QUERY [--name N] | watch delete ID|NAME
                                  watch terms: every import reports the new items they find
  list [--type T] [--case CASE]   items, most recently changed first
  show ID                         one item with its links and backlinks
  add note --title T [--body B]
  add statement --speaker S --quote Q [--role R] [--organisation O] [--date YYYY-MM-DD]
                [--venue V] [--language L] [--translation T] [--source ID]
                [--time HH:MM] [--speaker-entity ENTITY]
  add incident --title T [--date YYYY-MM-DD] [--place P] [--description D]
               [--killed N] [--injured N] [--source ID] [--date-end D] [--precision P]
               [--admin-area A] [--lat N --lon N] [--coord-precision P] [--actor ROLE:ENTITY,...]
  suggest ARTICLE_ID              suggested statements and entities, kept as pending
  suggestions ARTICLE_ID [--status S] [--kind statement|entity]
  accept SUGGESTION_ID [edits]    create the statement or entity (--speaker --role --date --quote ...
                                  for statements; --kind --name --aliases A,B --entity E for entities)
  dismiss SUGGESTION_ID
  entity list [--kind K] [--query Q] | entity show ENTITY | entity add --kind K --name N [--aliases A,B]
  entity alias ENTITY ALIAS... | entity mention ENTITY ITEM
  claim add INCIDENT --kind K (--value N | --text T) [--source ID] [--note N]
  actor add INCIDENT ENTITY --role perpetrator|target|claimed-by|responded [--source ID]
  source list | source add --kind outlet|person|organisation --name N [--reliability A-F]
  grade source SOURCE --reliability A-F [--rationale R] | grade item ID --credibility 1-6 [--rationale R]
  passages ID                     anchored passages of an article or a statement
  wikilinks [NOTE_ID]             a note's [[links]], or every unresolved one
  timeline [--from D] [--to D] [--query Q]
  graph ID [--depth 1-3]          items and entities around an item
  link FROM TO --rel REL [--note TEXT] [--passage TEXT]
                                  REL: mentions, quotes, reports-on, about, corroborates,
                                  contradicts, same-event, related, sourced-from,
                                  possible-duplicate
  unlink LINK_ID
  delete ID | restore ID          move an item to the trash and back
  case create NAME [--description D] | case add CASE ID... | case list
  export CASE OUT.zip [--force]   the case as a case file: items, originals, links, history, hashes,
                                  and an offline viewer (index.html); --force replaces OUT.zip
  verify CASE.zip                 recompute every hash of a case file; exit 0 only when all match
  import-case CASE.zip [--force]  merge a case file into this archive (refused if it does not verify,
                                  unless --force: then altered items are flagged)
  conflicts [--item ID] [--all]   items changed on both sides, both versions kept
  resolve CONFLICT_ID --keep ours|theirs
  info                            the archive's path, schema and counts
  edit ID [--title T] [--body B] [--speaker S] [--quote Q] [--date YYYY-MM-DD] [--place P] [--lat N --lon N] ...
                                  change an item's fields (the old version is kept); --field "" clears
  history ID                      an item's earlier versions and its audit entries
  restore-version ID N            make version N current again (recorded as an edit)
  trash list | trash purge ID     deleted items; purge removes one for good (audited)
  check [--quick]                 verify pages, search index, references, originals' hashes, audit chain;
                                  exit 0 only when everything holds
  backup OUT [--force]            a consistent, verified copy of the archive, safe while the app is open
  serve [--port N] [--demo]       open the app in a browser: loopback only, random token

Options:
  --db FILE    the archive to use (default: $DOSSIER_DB, else the desktop app's archive)
  --json       print one JSON document on stdout; errors go to stderr as {"error":{code,message}}
  --help       this text;  --version  the version

Exit codes: 0 success, 1 an operation failed (or some files failed to import), 2 wrong usage.
`;
