import { z } from 'zod';
import type { CommandArgs, CommandName, Settings } from '../../shared/contract.js';
import { HEADER_NAME } from '../../shared/http-names.js';
import { PAGE_MAX, SEARCH_MAX, SORT_KEYS, type SortKey, VIEWS, type View } from '../../shared/list-query.js';

const id = z.string().min(1).max(100);
const ids = z.array(id).min(1).max(100_000);
const headerName = z.string().regex(HEADER_NAME, 'invalid header name');
const headerValue = z
  .string()
  .max(8192)
  .regex(/^[^\r\n\0]*$/, 'header values cannot contain line breaks');
const connections = z.union([z.literal('auto'), z.number().int().min(1).max(64)]);
const rate = z.number().min(0).max(1e13);

export const settingsSchema = z.strictObject({
  downloadDir: z.string().min(1).max(4096),
  maxConcurrent: z.number().int().min(1).max(1000),
  connections,
  globalLimit: rate,
  retries: z.number().int().min(1).max(1000),
  theme: z.enum(['system', 'light', 'dark']),
  density: z.enum(['compact', 'comfortable']),
  closeToTray: z.boolean(),
  notifications: z.boolean(),
  keepAwake: z.boolean(),
  startAtLogin: z.boolean(),
  watchClipboard: z.boolean(),
  proxyMode: z.enum(['system', 'none', 'manual']),
  proxyUrl: z.string().max(2048),
  caFile: z.string().max(4096),
  siteRules: z
    .array(
      z.strictObject({
        host: z
          .string()
          .min(1)
          .max(253)
          .regex(/^(\*\.)?[a-z0-9.-]+$/i, 'a host name like example.com or *.example.com'),
        connections: z.number().int().min(1).max(64).optional(),
        headers: z.record(headerName, headerValue).optional(),
        proxy: z.string().min(1).max(2048).optional(),
      }),
    )
    .max(200),
});

const addEntry = z.strictObject({
  url: z.string().min(1).max(65_536),
  name: z.string().min(1).max(1024).optional(),
  dir: z.string().min(1).max(4096).optional(),
  checksum: z.string().max(300).optional(),
  headers: z.record(headerName, headerValue).optional(),
});

const none = z.strictObject({});

const listQuery = {
  view: z.enum(VIEWS as [View, ...View[]]),
  search: z.string().max(SEARCH_MAX),
  sort: z.strictObject({ key: z.enum(SORT_KEYS as [SortKey, ...SortKey[]]), descending: z.boolean() }),
};

/**
 * A schema for every command's arguments: whatever crosses from a UI (IPC or HTTP) is checked
 * here once, unknown keys included, before anything reaches the engine.
 */
export const commandSchemas: { [K in CommandName]: z.ZodType<CommandArgs<K>> } = {
  snapshot: none,
  list: z.strictObject({
    ...listQuery,
    offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    limit: z.number().int().min(0).max(PAGE_MAX),
    include: z.array(id).max(100).optional(),
    find: z.array(id).max(100).optional(),
  }),
  pick: z.strictObject({ query: z.strictObject(listQuery).optional(), from: id.optional(), to: id.optional(), ids: ids.optional() }),
  parseList: z.strictObject({ text: z.string().max(16 * 1024 * 1024) }),
  add: z.strictObject({
    entries: z.array(addEntry).min(1).max(100_000),
    dir: z.string().min(1).max(4096).optional(),
    connections: connections.optional(),
    limit: rate.optional(),
  }),
  probe: z.strictObject({ urls: z.array(z.string().min(1).max(65_536)).min(1).max(500) }),
  pause: z.strictObject({ ids }),
  resume: z.strictObject({ ids }),
  cancel: z.strictObject({ ids }),
  retry: z.strictObject({ ids }),
  remove: z.strictObject({ ids, deleteFile: z.boolean() }),
  refresh: z.strictObject({ id, url: z.string().min(1).max(65_536), startOver: z.boolean().optional() }),
  openFile: z.strictObject({ id }),
  showInFolder: z.strictObject({ id }),
  chooseFolder: z.strictObject({ current: z.string().max(4096).optional() }),
  pauseAll: none,
  resumeAll: none,
  setSettings: z.strictObject({ settings: settingsSchema.partial() }),
};

export type ParsedCommand = { [K in CommandName]: { name: K; args: CommandArgs<K> } }[CommandName];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandSchemas, name);
}

/** Checks a command from outside; returns it typed, or the reason it was refused. */
export function parseCommand(name: string, args: unknown): { ok: true; command: ParsedCommand } | { ok: false; error: string } {
  if (!isCommandName(name)) return { ok: false, error: `unknown command "${name.slice(0, 100)}"` };
  const result = commandSchemas[name].safeParse(args);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return { ok: false, error: `invalid ${name} arguments${where}: ${issue?.message ?? 'malformed'}` };
  }
  return { ok: true, command: { name, args: result.data } as ParsedCommand };
}

export function parseSettings(value: unknown): Settings | undefined {
  const result = settingsSchema.safeParse(value);
  return result.success ? result.data : undefined;
}
