import { describe, expect, it } from 'vitest';

import { ScoreRequestQueue } from '../../../renderer/store/requestQueue.ts';

describe('ScoreRequestQueue', () => {
  it('posts the first request at once', () => {
    const queue = new ScoreRequestQueue();

    expect(queue.submit('a')).toEqual({ requestId: 1, diff: 'a' });
  });

  it('holds requests while one is in flight', () => {
    const queue = new ScoreRequestQueue();
    queue.submit('a');

    expect(queue.submit('b')).toBeNull();
  });

  it('keeps only the newest pending request', () => {
    const queue = new ScoreRequestQueue();
    queue.submit('a');
    queue.submit('b');
    queue.submit('c');

    expect(queue.complete(1)).toEqual({ requestId: 3, diff: 'c' });
  });

  it('posts nothing when no request waits', () => {
    const queue = new ScoreRequestQueue();
    queue.submit('a');

    expect(queue.complete(1)).toBeNull();
  });

  it('ignores answers for other ids', () => {
    const queue = new ScoreRequestQueue();
    queue.submit('a');
    queue.submit('b');

    expect(queue.complete(7)).toBeNull();
    expect(queue.inFlightRequest?.requestId).toBe(1);
  });

  it('treats only the newest id as latest', () => {
    const queue = new ScoreRequestQueue();
    queue.submit('a');
    queue.submit('b');

    expect(queue.isLatest(1)).toBe(false);
    expect(queue.isLatest(2)).toBe(true);
  });

  it('posts at once again after reset', () => {
    const queue = new ScoreRequestQueue();
    queue.submit('a');
    queue.reset();

    expect(queue.submit('b')).toEqual({ requestId: 2, diff: 'b' });
  });
});
