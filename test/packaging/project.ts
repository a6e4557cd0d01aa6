// Paths and files the packaging specs share.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export const builderConfigFile = fileURLToPath(new URL('../../electron-builder.yml', import.meta.url));

/** electron-builder.yml as electron-builder reads it. */
export function readBuilderConfig(): Record<string, unknown> {
  return parse(readFileSync(builderConfigFile, 'utf8')) as Record<string, unknown>;
}
