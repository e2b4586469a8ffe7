import type { BudgetLimit, TokenBudgets } from '../../src/security/token-budgets.js';

/** Spends one unit at a time until `count` were tried; how many were allowed. */
export async function spendMany(budgets: TokenBudgets, id: string, limit: BudgetLimit, count: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < count; i++) if ((await budgets.spend(id, limit)).allowed) allowed++;
  return allowed;
}

/** A bucket cap for tests: evicting works the same as at MAX_BUCKETS, 100 times faster. */
export const TEST_BUCKETS = 200;

/** One spend per token, in turn, `rounds` times over: how many were allowed in each round. */
export async function allowedPerRound(budgets: TokenBudgets, ids: readonly string[], limit: BudgetLimit, rounds: number): Promise<number[]> {
  const allowed: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let count = 0;
    for (const id of ids) if ((await budgets.spend(id, limit)).allowed) count++;
    allowed.push(count);
  }
  return allowed;
}
