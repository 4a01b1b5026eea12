import { app, ipcMain, shell } from 'electron';
import { join } from 'node:path';
import { openHaul } from './app/open-haul.js';
import { registerIpc } from './ipc/register-ipc.js';
import { createWindow, RENDERER_URL } from './window.js';

/** The desktop app: the engine in this (main) process, the UI in one locked-down window. */
async function main(): Promise<void> {
  // Tests run the app on a throwaway profile.
  if (process.env.HAUL_USER_DATA !== undefined) app.setPath('userData', process.env.HAUL_USER_DATA);
  await app.whenReady();
  const desktop = {
    openPath: async (path: string): Promise<void> => {
      const problem = await shell.openPath(path);
      if (problem !== '') throw new Error(problem);
    },
    showItemInFolder: (path: string): void => {
      shell.showItemInFolder(path);
    },
  };
  const haul = await openHaul(join(app.getPath('userData'), 'engine'), { defaults: { downloadDir: app.getPath('downloads') }, desktop });
  const window = createWindow();
  const unregister = registerIpc({ ipcMain, webContents: window.webContents, rendererUrl: RENDERER_URL }, haul.handlers, (send) => haul.subscribe(send));
  window.on('closed', () => {
    unregister();
    app.quit();
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    // Pause transfers cleanly (journal flushed, files closed) so the next start resumes them.
    event.preventDefault();
    closing = true;
    void haul.close().finally(() => {
      app.quit();
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
