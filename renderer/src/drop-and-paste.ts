import { decodeText } from '../../shared/decode-text.js';
import { openAdd } from './store/add-flow.js';
import { notify, setDragging } from './store/ui-actions.js';

const LIST_FILE = /\.(txt|csv|list|aria2|uris?)$/i;

/** Everything a drop can carry that might hold URLs: links, text, and list files; and the files it ignored. */
export async function textFromDrop(data: DataTransfer): Promise<{ text: string; ignored: string[] }> {
  const parts: string[] = [];
  const ignored: string[] = [];
  for (const file of Array.from(data.files)) {
    if (LIST_FILE.test(file.name) || file.type.startsWith('text/')) parts.push(decodeText(new Uint8Array(await file.arrayBuffer())));
    else ignored.push(file.name);
  }
  const uriList = data.getData('text/uri-list');
  if (uriList !== '') parts.push(uriList);
  else {
    const text = data.getData('text/plain');
    if (text !== '') parts.push(text);
  }
  return { text: parts.join('\n'), ignored };
}

/** Drop anywhere on the window, or paste URLs anywhere but a text field: both open the Add preview. */
export function installDropAndPaste(target: Window): () => void {
  let depth = 0;
  const enter = (event: DragEvent): void => {
    event.preventDefault();
    depth++;
    setDragging(true);
  };
  const over = (event: DragEvent): void => {
    event.preventDefault();
  };
  const leave = (): void => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) setDragging(false);
  };
  const drop = (event: DragEvent): void => {
    event.preventDefault();
    depth = 0;
    setDragging(false);
    if (event.dataTransfer === null) return;
    void textFromDrop(event.dataTransfer).then(({ text, ignored }) => {
      if (ignored.length > 0)
        notify(
          `${ignored.join(', ')} ${ignored.length === 1 ? 'was' : 'were'} not added: only links and lists of links (.txt, .csv, .list, .aria2, .uri) can be dropped`,
        );
      if (text.trim() !== '') openAdd(text);
    });
  };
  const paste = (event: ClipboardEvent): void => {
    const active = target.document.activeElement;
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (/\bhttps?:\/\//i.test(text)) {
      event.preventDefault();
      openAdd(text);
    }
  };
  target.addEventListener('dragenter', enter);
  target.addEventListener('dragover', over);
  target.addEventListener('dragleave', leave);
  target.addEventListener('drop', drop);
  target.addEventListener('paste', paste);
  return () => {
    target.removeEventListener('dragenter', enter);
    target.removeEventListener('dragover', over);
    target.removeEventListener('dragleave', leave);
    target.removeEventListener('drop', drop);
    target.removeEventListener('paste', paste);
  };
}
