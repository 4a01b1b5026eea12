/** A message box's content (Electron's MessageBoxOptions, as far as quitting needs). */
export interface QuitPrompt {
  readonly type: 'question';
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
  readonly defaultId: number;
  readonly cancelId: number;
}

/** Index of the button that quits. */
export const QUIT_BUTTON = 0;

/** Quitting with nothing under way needs no question; with downloads running it asks, and says they resume next time. */
export function quitPrompt(underWay: number): QuitPrompt | undefined {
  if (underWay === 0) return undefined;
  const what = underWay === 1 ? '1 download is' : `${underWay} downloads are`;
  return {
    type: 'question',
    message: `${what} still running. Quit Haul?`,
    detail: 'They will be paused and resume where they stopped the next time Haul starts.',
    buttons: ['Quit', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}
