import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { budgetFigures, CATEGORIES, STATUSES, type ExpenseAmount } from "./figures.js";

describe("budgetFigures", () => {
  it("totals per status and per category, with the remainder", () => {
    const figures = budgetFigures(250000, [
      { category: "travel", status: "submitted", cents: 2340 },
      { category: "meals", status: "approved", cents: 8600 },
      { category: "travel", status: "reimbursed", cents: 1000 },
      { category: "interpretation", status: "refused", cents: 50000 },
      { category: "travel", status: "approved", cents: 5 },
    ]);
    expect(figures.totals).toEqual({ submitted: 2340, approved: 8605, reimbursed: 1000, refused: 50000 });
    expect(figures.byCategory.travel).toEqual({ submitted: 2340, approved: 5, reimbursed: 1000, refused: 0 });
    expect(figures.byCategory.meals.approved).toBe(8600);
    expect(figures.byCategory.other).toEqual({ submitted: 0, approved: 0, reimbursed: 0, refused: 0 });
    expect(figures.remainderCents).toBe(250000 - 8605 - 1000);
    expect(figures.committedCents).toBe(2340 + 8605 + 1000);
    expect(figures.overAllocation).toBe(false);
  });

  it("warns when what waits and what was accepted exceed the allocation (refused expenses do not count)", () => {
    expect(budgetFigures(10000, [{ category: "meals", status: "approved", cents: 10000 }]).overAllocation).toBe(false);
    expect(
      budgetFigures(10000, [
        { category: "meals", status: "approved", cents: 9000 },
        { category: "travel", status: "submitted", cents: 1001 },
      ]).overAllocation,
    ).toBe(true);
    expect(
      budgetFigures(10000, [
        { category: "meals", status: "reimbursed", cents: 9000 },
        { category: "travel", status: "submitted", cents: 1001 },
      ]).overAllocation,
    ).toBe(true);
    expect(budgetFigures(10000, [{ category: "meals", status: "refused", cents: 999999 }]).overAllocation).toBe(false);
    const empty = budgetFigures(0, []);
    expect(empty.overAllocation).toBe(false);
    expect(empty.remainderCents).toBe(0);
  });

  it("keeps the categories adding up to the totals", () => {
    const expense = fc.record({
      category: fc.constantFrom(...CATEGORIES),
      status: fc.constantFrom(...STATUSES),
      cents: fc.integer({ min: 1, max: 100_000_000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.array(expense, { maxLength: 50 }), (allocated, list) => {
        const f = budgetFigures(allocated, list as ExpenseAmount[]);
        for (const s of STATUSES) {
          expect(CATEGORIES.reduce((sum, c) => sum + f.byCategory[c][s], 0)).toBe(f.totals[s]);
        }
        expect(f.remainderCents).toBe(allocated - f.totals.approved - f.totals.reimbursed);
      }),
    );
  });

  it("refuses amounts that are not integer cents", () => {
    expect(() => budgetFigures(0, [{ category: "meals", status: "approved", cents: 0.1 }])).toThrow();
  });
});
