import { loggableUrl } from './api.plugin';

test('loggable url - a token given in the query is not logged, the rest of the URL is', () => {
  expect(loggableUrl('/api/v1/events?topics=runs&access_token=slw_secret&lastEventId=S:1')).toBe(
    '/api/v1/events?topics=runs&access_token=[redacted]&lastEventId=S:1',
  );
  expect(loggableUrl('/api/v1/events?ACCESS_TOKEN=slw_secret')).toBe(
    '/api/v1/events?ACCESS_TOKEN=[redacted]',
  );
  expect(loggableUrl('/api/v1/events?access%5Ftoken=slw_secret&x=1')).toBe(
    '/api/v1/events?access%5Ftoken=[redacted]&x=1',
  );
  expect(loggableUrl('/api/v1/events?access_token')).toBe('/api/v1/events?access_token=[redacted]');
  expect(loggableUrl('/api/v1/runs?max_results=5&bad=%E0%A4%A')).toBe(
    '/api/v1/runs?max_results=5&bad=%E0%A4%A',
  );
  expect(loggableUrl('/api/v1/runs')).toBe('/api/v1/runs');
});
