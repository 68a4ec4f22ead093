CREATE TABLE `articles` (
	`item_id` text PRIMARY KEY NOT NULL,
	`url` text,
	`outlet` text,
	`source_id` text,
	`byline` text,
	`published_at` text,
	`captured_at` text,
	`language` text,
	`body_text` text NOT NULL,
	`readable_html` text,
	`credibility` integer,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `articles_url_idx` ON `articles` (`url`);--> statement-breakpoint
CREATE INDEX `articles_published_idx` ON `articles` (`published_at`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`item_id` text NOT NULL,
	`sha256` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`item_id`, `sha256`, `role`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_sha_idx` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`action` text NOT NULL,
	`item_id` text,
	`detail` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_item_idx` ON `audit_log` (`item_id`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`media_type` text NOT NULL,
	`data` blob NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_items` (
	`case_id` text NOT NULL,
	`item_id` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `item_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_items_item_idx` ON `case_items` (`item_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_name_unique` ON `cases` (`name`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`kind` text NOT NULL,
	`value_number` integer,
	`value_text` text,
	`source_item_id` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_incident_idx` ON `claims` (`incident_id`,`kind`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`item_id` text PRIMARY KEY NOT NULL,
	`date_start` text,
	`date_end` text,
	`date_precision` text,
	`place` text,
	`admin_area` text,
	`latitude` real,
	`longitude` real,
	`coord_precision` text,
	`description` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incidents_date_idx` ON `incidents` (`date_start`);--> statement-breakpoint
CREATE TABLE `item_tags` (
	`item_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`item_id`, `tag_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_tags_tag_idx` ON `item_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`language` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	CONSTRAINT "items_type_check" CHECK("items"."type" IN ('article', 'statement', 'incident', 'note'))
);
--> statement-breakpoint
CREATE INDEX `items_type_idx` ON `items` (`type`,`deleted_at`);--> statement-breakpoint
CREATE INDEX `items_updated_idx` ON `items` (`updated_at`);--> statement-breakpoint
CREATE TABLE `links` (
	`id` text PRIMARY KEY NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`rel` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`from_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "links_not_self" CHECK("links"."from_id" <> "links"."to_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_unique_idx` ON `links` (`from_id`,`to_id`,`rel`);--> statement-breakpoint
CREATE INDEX `links_to_idx` ON `links` (`to_id`);--> statement-breakpoint
CREATE TABLE `notes` (
	`item_id` text PRIMARY KEY NOT NULL,
	`body_markdown` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `search_docs` (
	`doc_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` text NOT NULL,
	`title` text NOT NULL,
	`quote` text NOT NULL,
	`names` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_item_id_unique` ON `search_docs` (`item_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`domain` text,
	`reliability` text,
	`rationale` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_kind_name_idx` ON `sources` (`kind`,`name`);--> statement-breakpoint
CREATE TABLE `statements` (
	`item_id` text PRIMARY KEY NOT NULL,
	`speaker` text NOT NULL,
	`role` text,
	`organisation` text,
	`stated_on` text,
	`stated_at_time` text,
	`venue` text,
	`language` text,
	`quote` text NOT NULL,
	`translation` text,
	`anchor_exact` text,
	`anchor_prefix` text,
	`anchor_suffix` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `statements_speaker_idx` ON `statements` (`speaker`);--> statement-breakpoint
CREATE INDEX `statements_date_idx` ON `statements` (`stated_on`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);