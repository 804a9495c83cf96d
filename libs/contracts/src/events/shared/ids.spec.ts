import { aliasSchema, modelNameSchema, runIdSchema } from './ids';

test('runIdSchema - accepts safe NATS tokens up to 64 characters', () => {
  for (const id of ['a', 'A-b_9', 'x'.repeat(64), '0194b8a07c0070008000'])
    expect(runIdSchema.parse(id)).toBe(id);
});

test.each(['', 'a.b', 'a*', 'a>', 'a b', 'x'.repeat(65), 'é'])('runIdSchema - rejects %j', (id) => {
  expect(runIdSchema.safeParse(id).success).toBe(false);
});

test("aliasSchema - follows MLflow: no 'latest', no version references", () => {
  expect(aliasSchema.safeParse('champion').success).toBe(true);
  expect(aliasSchema.safeParse('v2-candidate').success).toBe(true);
  for (const alias of ['latest', 'v3', 'V12', 'has space', ''])
    expect(aliasSchema.safeParse(alias).success).toBe(false);
});

test("modelNameSchema - rejects '/' and control characters", () => {
  expect(modelNameSchema.safeParse('Customer churn v2.1').success).toBe(true);
  for (const name of ['a/b', 'a\nb', '']) expect(modelNameSchema.safeParse(name).success).toBe(false);
});
