import { describe, expect, it } from 'vitest';
import { withAccountId } from './accountIds.ts';

describe('withAccountId', () => {
  it('changes whole path segments and query values equal to the id, nothing else', () => {
    expect(withAccountId('http://127.0.0.1:9/api/accounts/7/audit-log?account=7&page=17', 7, 8)).toBe(
      'http://127.0.0.1:9/api/accounts/8/audit-log?account=8&page=17',
    );
    expect(withAccountId('http://127.0.0.1:9/api/accounts/17/x', 7, 8)).toBeUndefined();
  });
});
