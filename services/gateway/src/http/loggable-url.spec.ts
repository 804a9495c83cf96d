import { loggableUrl } from './api.plugin';

test('loggable url - a token given in the query is not logged, the rest of the URL is', () => {
  expect(loggableUrl('/api/v1/events?topics=runs&access_token=slw_secret&lastEventId=S:1')).toBe(
    '/api/v1/events?topics=runs&access_token=[redacted]&lastEventId=S:1',
  );
  expect(loggableUrl('/api/v1/events?ACCESS_TOKEN=slw_secret')).toBe(
    '/api/v1/events?ACCESS_TOKEN=[redacted]',
  );
  expect(loggableUrl('/api/v1/runs?max_results=5')).toBe('/api/v1/runs?max_results=5');
});
