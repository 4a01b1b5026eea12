import { useState } from 'react';
import { closeSignIn, signIn } from '../store/download-commands.js';
import { useHaul } from '../store/store.js';
import { Dialog } from './dialog.js';
import { hostOf } from '../../../shared/http-names.js';

/** The server said 401: ask for a user name and password and try the download again with them. */
export function SignInDialog() {
  const pending = useHaul((state) => state.signIn);
  const download = useHaul((state) => (state.signIn === undefined ? undefined : state.downloads.get(state.signIn.id)));
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  if (pending === undefined || download === undefined) return null;
  const close = (): void => {
    setUser('');
    setPassword('');
    closeSignIn();
  };
  return (
    <Dialog
      title={`Sign in to ${hostOf(download.url)}`}
      onClose={close}
      action={{
        label: 'Sign in and retry',
        disabled: user.trim() === '',
        why: user.trim() === '' ? 'Type the user name' : undefined,
        run: () => {
          void signIn(user.trim(), password).then(() => {
            if (useHaul.getState().signIn === undefined) {
              setUser('');
              setPassword('');
            }
          });
        },
      }}
    >
      <p>This server needs a user name and password for this file. They are kept with the download (in a file only you can read) and never shown.</p>
      <label>
        User name
        <input
          value={user}
          autoComplete="username"
          spellCheck={false}
          onChange={(event) => {
            setUser(event.target.value);
          }}
        />
      </label>
      <label>
        Password
        <input
          type="password"
          value={password}
          autoComplete="current-password"
          onChange={(event) => {
            setPassword(event.target.value);
          }}
        />
      </label>
    </Dialog>
  );
}
