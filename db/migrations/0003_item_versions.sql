CREATE TABLE `item_versions` (
	`item_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`item_id`, `version`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
