import { appendAudit, type AuditAction } from "../../audit/log.js";
import type { Db } from "../../db/client.js";
import { expenses, type ExpenseCategory } from "../../db/schema/index.js";
import { decimalOf } from "../../domain/budget/money.js";
import type { FileStore } from "../../storage/file-store.js";
import type { GroupContext } from "../groups/load.js";

/** The audit actions of expenses (see the note on `expenseAudit`). */
export type ExpenseAuditAction = "expense.submitted" | "expense.approved" | "expense.refused" | "expense.reimbursed";

/** The audit action of an expense event (a member of AuditAction, src/audit/log.ts). */
export function expenseAudit(action: ExpenseAuditAction): AuditAction {
  return action;
}

/** The organisation an expense's audit entries are filed under: the group's, else its cycle's first. */
export function auditOrganisation(context: GroupContext): string | null {
  return context.group.organisationId ?? context.cycle.organisationIds[0] ?? null;
}

export interface ExpenseInput {
  category: ExpenseCategory;
  cents: number;
  /** ISO day, already checked against the group's bounds. */
  spentOn: string;
  description: string;
  /** A checked upload (src/storage/uploads.ts) of an accepted receipt type. */
  receipt: { name: string; mediaType: string; bytes: Uint8Array };
}

/**
 * Records an expense with its receipt, waiting for a decision. The file is stored first; if the
 * row or its audit entry cannot be written, the file is removed again, so nothing is left half-saved.
 */
export async function submitExpense(
  db: Db,
  files: FileStore,
  context: GroupContext,
  submittedBy: string,
  input: ExpenseInput,
): Promise<{ id: string }> {
  const stored = await files.put(input.receipt.bytes);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(expenses)
        .values({
          groupId: context.group.id,
          submittedBy,
          category: input.category,
          amount: decimalOf(input.cents),
          spentOn: input.spentOn,
          description: input.description,
          receiptKey: stored.key,
          receiptName: input.receipt.name,
          receiptType: input.receipt.mediaType,
          receiptSize: input.receipt.bytes.byteLength,
        })
        .returning({ id: expenses.id });
      await appendAudit(tx, {
        actorId: submittedBy,
        action: expenseAudit("expense.submitted"),
        subjectType: "expense",
        subjectId: row!.id,
        organisationId: auditOrganisation(context),
        data: {
          groupId: context.group.id,
          category: input.category,
          amount: decimalOf(input.cents),
          receiptSha256: stored.sha256,
        },
      });
      return { id: row!.id };
    });
  } catch (error) {
    await files.delete(stored.key);
    throw error;
  }
}
