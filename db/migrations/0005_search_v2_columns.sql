CREATE TABLE `saved_searches` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`query` text NOT NULL,
	`watch` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `saved_searches_name_unique` ON `saved_searches` (`name`);--> statement-breakpoint
CREATE TABLE `search_cache` (
	`name` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `search_docs` ADD `speaker` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `place` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `outlet` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `joined` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `speaker_keys` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `place_keys` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `name_keys` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `day` text;--> statement-breakpoint
ALTER TABLE `search_docs` ADD `lang` text;