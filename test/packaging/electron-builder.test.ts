import assert from 'node:assert/strict';
import { existsSync, type Stats } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger, log } from 'builder-util';

/** The matcher electron-builder builds for an app's files (internal, so not in its typings): the configured patterns plus its own defaults and exclusions. */
const { getMainFileMatchers } = fileMatcher as unknown as {
  getMainFileMatchers: (
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ) => fileMatcher.FileMatcher[];
};

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// electron-builder logs ("• loaded configuration") to stdout, which node:test's child process shares
// with its serialised messages: one such line split across a chunk broke the runner's framing
// ("Unable to deserialize cloned data") and failed the file. Its logger's stream is protected, and
// setPrinter covers only part of its output, so the stream itself is pointed at stderr.
(log as unknown as { stream: NodeJS.WritableStream }).stream = process.stderr;

/** electron-builder.yml as electron-builder itself reads it (merged with package.json's "build", if any). */
async function loadConfig(): Promise<Configuration> {
  return getConfig(ROOT, null, null);
}

test('electron-builder.yml is valid against electron-builder’s own configuration schema', async () => {
  const config = await loadConfig();
  await validateConfiguration(config, new DebugLogger(false));
  // The check is real: the same schema refuses a misspelt option.
  await assert.rejects(
    validateConfiguration({ ...config, linux: { ...config.linux, categroy: 'Network' } as Configuration['linux'] }, new DebugLogger(false)),
    /Invalid configuration object/,
  );
  assert.equal(config.productName, 'Haul');
  assert.equal(config.asar, true);
  // Electron's fuses: no running as Node, no NODE_OPTIONS or --inspect, the app only from its asar, encrypted cookies.
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  });
  const targets = (platform: 'linux' | 'win' | 'mac'): unknown => config[platform]?.target;
  assert.deepEqual(targets('linux'), ['AppImage', 'deb']);
  assert.deepEqual(targets('win'), ['nsis']);
  assert.deepEqual(targets('mac'), ['dmg']);
  const { linux, nsis, mac, win } = config;
  assert.ok(linux && nsis && mac && win);
  assert.equal(linux.category, 'Network');
  assert.deepEqual([nsis.perMachine, nsis.oneClick, nsis.allowToChangeInstallationDirectory], [false, false, true], 'per user, choose the folder');
  // What electron-builder's deb target refuses to build without (FpmTarget): a project URL and a maintainer.
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { homepage?: string; author?: { name?: string; email?: string } };
  assert.ok(pkg.homepage !== undefined && pkg.author?.email !== undefined, 'deb needs homepage and author.email');
  for (const path of [mac.entitlements, mac.entitlementsInherit, win.icon, mac.icon, linux.icon]) {
    assert.ok(typeof path === 'string' && existsSync(join(ROOT, path)), `${String(path)} exists`);
  }
});

/** Every file under the project that electron-builder's own file matcher puts into the app (node_modules aside: it copies production dependencies itself). */
async function packagedFiles(config: Configuration): Promise<string[]> {
  const packager = {
    info: {
      projectDir: ROOT,
      buildResourcesDir: config.directories?.buildResources ?? 'build',
      isPrepackedAppAsar: false,
      config,
      debugLogger: new DebugLogger(false),
    },
  };
  const matchers = getMainFileMatchers(ROOT, '/app', (pattern) => pattern, {}, packager, join(ROOT, config.directories?.output ?? 'dist'), false);
  const filter = matchers[0]?.createFilter();
  assert.ok(filter !== undefined);
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === '.git') continue;
      const stats: Stats = await lstat(path);
      if (!filter(path, stats)) continue;
      if (stats.isDirectory()) await walk(path);
      else files.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  await walk(ROOT);
  return files.sort();
}

test('the app contains exactly the built output the app runs, and no tests, sources, maps or build tools', async (t) => {
  if (!existsSync(join(ROOT, 'dist/main/index.js'))) {
    t.skip('needs `npm run build` first');
    return;
  }
  const config = await loadConfig();
  const files = await packagedFiles(config);
  const built = async (dir: string): Promise<string[]> =>
    (await readdir(join(ROOT, dir), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'));
  const expected = [
    ...(await built('dist/main')),
    ...(await built('dist/shared')),
    ...(await built('dist/preload')),
    ...(await built('dist/renderer')),
    ...(await built('dist/assets')),
  ]
    .filter((file) => !file.endsWith('.map'))
    .sort();
  assert.deepEqual(files, expected);
  for (const needed of [
    'dist/main/index.js',
    'dist/preload/index.cjs',
    'dist/renderer/index.html',
    'dist/assets/tray.png',
    'dist/assets/trayTemplate.png',
  ]) {
    assert.ok(files.includes(needed), `${needed} is packaged`);
  }
  for (const file of files)
    assert.doesNotMatch(file, /^(dist\/test|dist\/build|test|main|shared|renderer|preload|build|docs)\//, `${file} must not ship`);
  // electron-builder writes package.json into the app itself (with extraMetadata); its main must be in the app.
  assert.ok(
    config.extraMetadata !== undefined && files.includes(String((config.extraMetadata as { main?: unknown }).main)),
    'the main entry is packaged',
  );
});

test('production dependencies are exactly what the packaged main process imports (the renderer is bundled)', async () => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const imported = new Set<string>();
  const sources = [
    ...(await readdir(join(ROOT, 'main'), { recursive: true, withFileTypes: true })),
    ...(await readdir(join(ROOT, 'shared'), { recursive: true, withFileTypes: true })),
  ].filter((entry) => entry.isFile() && entry.name.endsWith('.ts'));
  for (const entry of sources) {
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    // Static imports, and the modules loaded on first use (`await import('hpagent')`).
    for (const match of text.matchAll(/^import (?!type )[^;]*? from '([^'.][^']*)';$|await import\('([^'.][^']*)'\)/gm)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      imported.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));
    }
  }
  imported.delete('electron');
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), [...imported].sort());
  assert.ok('electron' in pkg.devDependencies, 'Electron is the runtime, not a packaged module');
});
