// `dossier --help`. Keep in step with the CLI reference in README.md.
export const USAGE = `dossier: the command line of Dossier, an offline archive for investigators

Usage: dossier COMMAND [ARGUMENTS] [--db FILE] [--json]

  import PATH...                  import files or folders (recursive): .txt .md .html
  search QUERY [--type T] [--limit N] [--offset N]
                                  ranked full-text search; words, "phrases", OR, -word, prefix*, type:T
  list [--type T] [--case CASE]   items, most recently changed first
  show ID                         one item with its links and backlinks
  add note --title T [--body B]
  add statement --speaker S --quote Q [--role R] [--organisation O] [--date YYYY-MM-DD]
                [--venue V] [--language L] [--translation T] [--source ID]
  add incident --title T [--date YYYY-MM-DD] [--place P] [--description D]
               [--killed N] [--injured N] [--source ID]
  link FROM TO --rel REL [--note TEXT]
                                  REL: mentions, quotes, reports-on, about, corroborates,
                                  contradicts, same-event, related, sourced-from,
                                  possible-duplicate
  unlink LINK_ID
  delete ID | restore ID          move an item to the trash and back
  case create NAME [--description D] | case add CASE ID... | case list
  info                            the archive's path, schema and counts
  edit ID [--title T] [--body B] [--speaker S] [--quote Q] [--date YYYY-MM-DD] [--place P] ...
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
