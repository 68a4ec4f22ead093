// Every CLI command by name. A new group of commands is one file in this folder and one line here.
import type { Command } from '../command';
import { caseCommands } from './cases';
import { caseFileCommands } from './case-files';
import { connectionCommands } from './connections';
import { libraryCommands } from './library';
import { maintenanceCommands } from './maintenance';
import { recordCommands } from './records';
import { searchCommands } from './search';
import { serveCommands } from './serve';

export const commands: Record<string, Command> = {
  ...libraryCommands,
  ...searchCommands,
  ...recordCommands,
  ...caseCommands,
  ...caseFileCommands,
  ...serveCommands,
  ...maintenanceCommands,
  ...connectionCommands,
};
