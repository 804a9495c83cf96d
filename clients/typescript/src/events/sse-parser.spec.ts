import { SseParser } from './sse-parser';

describe('sse parser - the text/event-stream format', () => {
  test('sse parser - events split across chunks anywhere come out whole, comments aside', () => {
    const comments: string[] = [];
    const parser = new SseParser((c) => comments.push(c));
    const stream =
      ': subscribed to models\n\nevent: dev.x.v1\nid: e1\ndata: {"a":1}\n\nevent: dev.y.v1\r\ndata: line1\r\ndata: line2\r\n\r\n';
    const out = [];
    for (let i = 0; i < stream.length; i += 7) out.push(...parser.push(stream.slice(i, i + 7)));
    expect(comments).toEqual(['subscribed to models']);
    expect(out).toEqual([
      { event: 'dev.x.v1', id: 'e1', data: '{"a":1}' },
      { event: 'dev.y.v1', id: 'e1', data: 'line1\nline2' },
    ]);
  });

  test('sse parser - nothing comes out before the blank line that ends an event', () => {
    const parser = new SseParser();
    expect(parser.push('event: a\ndata: 1\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'a', id: undefined, data: '1' }]);
  });

  test('sse parser - the resume position moves only when a frame ends, also for a frame with an id and no data', () => {
    const parser = new SseParser();
    parser.push(': subscribed\nid: S:1\n\n');
    expect(parser.lastEventId).toBe('S:1');
    // The connection could drop here: the event of S:2 was not handed out, so S:1 stays.
    parser.push('event: a\nid: S:2\n');
    expect(parser.lastEventId).toBe('S:1');
    expect(parser.push('data: {}\n\n')).toEqual([{ event: 'a', id: 'S:2', data: '{}' }]);
    expect(parser.lastEventId).toBe('S:2');
  });
});
