import { ProfileSchema } from '../../src/domain/schema/profile';
import { PROFILES } from '../../src/profiles';

describe('shipped plan profiles', () => {
  // The profiles are loaded without zod (the CLI starts faster); this test is where a bad
  // profile fails: each must parse under the profile schema, unchanged (no key the schema
  // would drop, no value it would refuse).
  test.each(PROFILES.map((p) => [p.id, p] as const))('%s satisfies the profile schema as it is', (_id, profile) => {
    const parsed = ProfileSchema.safeParse(profile);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data).toEqual(profile);
  });

  test('profile ids are unique', () => {
    const ids = PROFILES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
