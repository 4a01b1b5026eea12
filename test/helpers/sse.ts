/** A minimal server-sent-events reader over fetch (Node 20 has no EventSource). */
export interface SseEvent {
  readonly type: string;
  readonly data: unknown;
}

export async function* readEvents(response: Response): AsyncGenerator<SseEvent> {
  if (response.body === null) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) type = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) yield { type, data: JSON.parse(data.join('\n')) as unknown };
    }
  }
}
