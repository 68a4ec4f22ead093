CREATE TABLE `case_import_items` (
	`import_id` text NOT NULL,
	`item_id` text NOT NULL,
	`outcome` text NOT NULL,
	`ours_hash` text,
	`theirs_hash` text NOT NULL,
	`previous_document` text,
	PRIMARY KEY(`import_id`, `item_id`),
	FOREIGN KEY (`import_id`) REFERENCES `case_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `case_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`imported_at` text NOT NULL,
	`file_name` text NOT NULL,
	`manifest_sha256` text NOT NULL,
	`case_id` text NOT NULL,
	`case_name` text NOT NULL,
	`forced` integer NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `imported_history` (
	`hash` text PRIMARY KEY NOT NULL,
	`import_id` text NOT NULL,
	`origin_seq` integer NOT NULL,
	`at` text NOT NULL,
	`action` text NOT NULL,
	`item_id` text,
	`detail` text NOT NULL,
	`prev_hash` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `case_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imported_history_item_idx` ON `imported_history` (`item_id`);--> statement-breakpoint
CREATE TABLE `item_sync_bases` (
	`item_id` text PRIMARY KEY NOT NULL,
	`content_hash` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `merge_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`import_id` text NOT NULL,
	`reason` text NOT NULL,
	`detected_at` text NOT NULL,
	`ours_hash` text,
	`theirs_hash` text NOT NULL,
	`theirs_document` text NOT NULL,
	`altered_files` text,
	`resolved_at` text,
	`resolution` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_id`) REFERENCES `case_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `merge_conflicts_item_idx` ON `merge_conflicts` (`item_id`);--> statement-breakpoint
CREATE INDEX `merge_conflicts_open_idx` ON `merge_conflicts` (`resolved_at`);