// Every CLI command by name. A new group of commands is one file in this folder and one line here.
import type { Command } from '../command';
import { caseCommands } from './cases';
import { libraryCommands } from './library';
import { maintenanceCommands } from './maintenance';
import { recordCommands } from './records';
import { serveCommands } from './serve';

export const commands: Record<string, Command> = {
  ...libraryCommands,
  ...recordCommands,
  ...caseCommands,
  ...serveCommands,
  ...maintenanceCommands,
};
