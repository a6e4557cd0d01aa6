// electron-builder.yml: valid for electron-builder 26, and the installers it describes are the ones docs/packaging.md
// promises: the targets per OS, the deep-link scheme, libsecret for the deb, keytar unpacked, every fuse, signing.
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepLinkScheme } from '../../main/policy/deep-link';
import { electronFuses, type ElectronFuses } from '../../main/fuses';
import { projectRoot, readBuilderConfig } from './project';

// electron-builder validates its configuration against this schema before every build; validating here gives the
// same verdict without building. Resolved from electron-builder itself, so it is the copy it loads.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const schemaFile = path.join(
  path.dirname(builderRequire.resolve('app-builder-lib/package.json')),
  'scheme.json',
);
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown> & {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

// strict: false because the schema carries electron-builder's own documentation keywords.
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function validateAgainstSchema(config: unknown) {
  return validate(config) ? [] : (validate.errors ?? []);
}

const config = readBuilderConfig();

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    expect(validateAgainstSchema(config)).toEqual([]);
  });

  it('would be rejected by that schema if an option were misspelled', () => {
    // Guards the check above: the schema forbids unknown keys, so a typo cannot slip through unvalidated.
    expect(validateAgainstSchema({ ...config, asarUnpak: ['**/*.node'] })).not.toEqual([]);
  });

  it('names the app and builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config).toMatchObject({
      appId: expect.any(String),
      productName: 'Kratos Desktop',
      linux: { target: ['AppImage', 'deb'] },
      mac: { target: ['dmg'] },
      win: { target: ['nsis'] },
    });
  });

  it('registers the kratos-desktop:// deep-link scheme', () => {
    // The scheme main/policy/deep-link.ts parses and registers at run time.
    expect(config.protocols).toEqual([{ name: 'Kratos Desktop', schemes: [deepLinkScheme] }]);
  });

  it("makes the deb depend on libsecret-1-0, keytar's link to the Secret Service", () => {
    expect(config).toMatchObject({ deb: { depends: expect.arrayContaining(['libsecret-1-0']) } });
  });

  it('packs into app.asar and unpacks native modules (keytar.node) next to it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('sets every fuse exactly as main/fuses.ts does', () => {
    expect(config.electronFuses).toEqual(electronFuses);
  });

  it('sets every fuse electron-builder knows of', () => {
    // The type of main/fuses.ts enforces this at compile time; this is the same rule read from the schema, so a
    // newer electron-builder with a new fuse fails here even before anyone type-checks.
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties).sort();
    expect(Object.keys(electronFuses).sort()).toEqual(known);
  });

  it('signs macOS builds with the hardened runtime and the entitlements in build/', () => {
    expect(config).toMatchObject({
      mac: {
        hardenedRuntime: true,
        entitlements: 'build/entitlements.mac.plist',
        entitlementsInherit: 'build/entitlements.mac.plist',
      },
    });
  });
});

describe('build/entitlements.mac.plist', () => {
  const plist = readFileSync(path.join(projectRoot, 'build/entitlements.mac.plist'), 'utf8');
  // The keys granted, read from the plist's <dict> (comments removed: they name the entitlements left out).
  const granted = [...plist.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map(
    (match) => match[1],
  );

  it('grants only what V8 needs to run under the hardened runtime', () => {
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });
});

// A fuse left out of main/fuses.ts is a type error (checked by `npm run typecheck:node`, which includes this file).
// @ts-expect-error runAsNode and the other fuses are missing
const _incomplete: ElectronFuses = { enableCookieEncryption: true };
