// The Linux .desktop file the installers (AppImage, deb) write: it must declare the app the handler of
// kratos-desktop:// links (MimeType x-scheme-handler/kratos-desktop) and hand the link over as an argument (%U),
// or the system browser's redirect at the end of a social sign-in would open nothing. Computed by
// electron-builder's own code (app-builder-lib's LinuxTargetHelper, the one its Linux targets call) from
// electron-builder.yml: building a deb or AppImage here needs tools that cannot be downloaded.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { deepLinkScheme, findDeepLinkArgument } from '../../main/policy/deep-link';
import { readBuilderConfig } from './project';

const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { LinuxTargetHelper } = builderRequire('app-builder-lib/out/targets/LinuxTargetHelper') as {
  LinuxTargetHelper: new (packager: unknown) => {
    computeDesktopEntry(options: unknown): string | Promise<string>;
  };
};

/** What the helper reads of electron-builder's Linux packager, filled from this project's configuration. */
async function desktopEntry(config: Record<string, unknown>): Promise<string> {
  const linux = (config['linux'] ?? {}) as Record<string, unknown>;
  const packager = {
    config,
    platformSpecificBuildOptions: linux,
    fileAssociations: [],
    executableName: 'kratos-desktop',
    info: { metadata: { desktopName: 'kratos-desktop.desktop' } },
    appInfo: {
      productName: 'Kratos Desktop',
      sanitizedProductName: 'Kratos Desktop',
      description: 'Kratos Desktop',
    },
  };
  return new LinuxTargetHelper(packager).computeDesktopEntry(linux);
}

/** `Key=value` lines of the [Desktop Entry] group. */
const keys = (entry: string) =>
  Object.fromEntries(
    entry
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('the Linux .desktop entry', () => {
  it('makes the app the handler of kratos-desktop:// links', async () => {
    const entry = keys(await desktopEntry(readBuilderConfig()));
    expect(entry['MimeType']?.split(';')).toContain(`x-scheme-handler/${deepLinkScheme}`);
  });

  it('starts the app with the link as an argument, where main finds it (second-instance argv)', async () => {
    const exec = keys(await desktopEntry(readBuilderConfig()))['Exec'] ?? '';
    expect(exec).toMatch(/ %U$/);
    const link = 'kratos-desktop://auth/callback?code=x';
    const argv = exec.replace('%U', link).split(' ');
    expect(findDeepLinkArgument(argv)).toBe(link);
  });

  it('would declare no handler without the protocols block (the check above can fail)', async () => {
    const { protocols: _dropped, ...withoutProtocols } = readBuilderConfig();
    expect(keys(await desktopEntry(withoutProtocols))['MimeType']).toBeUndefined();
  });
});
