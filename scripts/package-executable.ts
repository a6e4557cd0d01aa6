// Prints the path of the app executable electron-builder left in an output folder, for the OS this runs on.
//   npx tsx scripts/package-executable.ts <output folder, e.g. release>
// .github/workflows/release.yml exports it as KRATOS_DESKTOP_EXECUTABLE for the Playwright `_electron` smoke test;
// test/packaging/packaged-app.test.ts finds the Linux build with it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export type ExecutableNames = { productName: string; linuxExecutableName: string };

/** The names electron-builder.yml gives the app: the product name (macOS, Windows) and the Linux executable. */
export function executableNames(configFile: string): ExecutableNames {
  const config = parse(readFileSync(configFile, 'utf8')) as {
    productName?: unknown;
    linux?: { executableName?: unknown };
  };
  const productName = config.productName;
  const linuxExecutableName = config.linux?.executableName;
  if (typeof productName !== 'string' || typeof linuxExecutableName !== 'string') {
    throw new Error(`${configFile} must set productName and linux.executableName`);
  }
  return { productName, linuxExecutableName };
}

/** Where electron-builder puts the unpacked app's executable, one candidate per architecture folder it uses. */
export function executableCandidates(
  outputDir: string,
  platform: NodeJS.Platform,
  names: ExecutableNames,
): string[] {
  const { productName, linuxExecutableName } = names;
  switch (platform) {
    case 'linux':
      return ['linux-unpacked', 'linux-arm64-unpacked'].map((dir) =>
        path.join(outputDir, dir, linuxExecutableName),
      );
    case 'darwin':
      return ['mac-arm64', 'mac', 'mac-universal'].map((dir) =>
        path.join(outputDir, dir, `${productName}.app`, 'Contents', 'MacOS', productName),
      );
    case 'win32':
      return ['win-unpacked', 'win-arm64-unpacked'].map((dir) =>
        path.join(outputDir, dir, `${productName}.exe`),
      );
    default:
      throw new Error(`electron-builder.yml builds no app for ${platform}`);
  }
}

/** The first candidate that exists, or an error naming every path tried. */
export function findPackagedExecutable(
  outputDir: string,
  platform: NodeJS.Platform,
  names: ExecutableNames,
): string {
  const candidates = executableCandidates(outputDir, platform, names);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(`no packaged executable in ${outputDir}; looked for:\n  ${candidates.join('\n  ')}`);
  }
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outputDir = process.argv[2];
  if (!outputDir) {
    console.error('usage: tsx scripts/package-executable.ts <electron-builder output folder>');
    process.exit(2);
  }
  const configFile = fileURLToPath(new URL('../electron-builder.yml', import.meta.url));
  try {
    process.stdout.write(
      path.resolve(findPackagedExecutable(outputDir, process.platform, executableNames(configFile))),
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
