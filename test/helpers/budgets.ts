import type { BudgetLimit, TokenBudgets } from '../../src/security/token-budgets.js';

/** Spends one unit at a time until `count` were tried; how many were allowed. */
export async function spendMany(budgets: TokenBudgets, id: string, limit: BudgetLimit, count: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < count; i++) if ((await budgets.spend(id, limit)).allowed) allowed++;
  return allowed;
}
