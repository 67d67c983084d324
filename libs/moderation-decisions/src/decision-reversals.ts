import { Viewer } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ModerationDecision } from './moderation-decision.entity';
import { ModerationDecisionKind } from './moderation-grounds';

/** Undoes what a reversed decision did that can be undone, in the transaction of the reversal; throwing refuses the reversal. */
export type DecisionReversal = (manager: EntityManager, decision: ModerationDecision, reviewer: Viewer) => Promise<void>;

/**
 * What reversing each kind of decision undoes. Content shown again, a suspension lifted, a payout
 * released: the domains that own them are higher in the dependency order (moderation, tax
 * reporting), so they subscribe here when their module starts; this library never imports them.
 * The kinds not listed in REVERSIBLE undo nothing here: an identity rejection is followed by new
 * documents, and a dispute's money has already moved (the outcome statement says so).
 */
export const REVERSIBLE: ReadonlySet<ModerationDecisionKind> = new Set([
  ModerationDecisionKind.CONTENT_HIDDEN,
  ModerationDecisionKind.SUSPENSION,
  ModerationDecisionKind.PAYOUT_HELD,
]);

@Injectable()
export class DecisionReversals {
  private readonly reversals = new Map<ModerationDecisionKind, DecisionReversal>();

  on(kind: ModerationDecisionKind, reversal: DecisionReversal): void {
    if (!REVERSIBLE.has(kind)) throw new Error(`${kind} decisions undo nothing when reversed`);
    if (this.reversals.has(kind)) throw new Error(`${kind} already has its reversal`);
    this.reversals.set(kind, reversal);
  }

  async reverse(manager: EntityManager, decision: ModerationDecision, reviewer: Viewer): Promise<void> {
    if (!REVERSIBLE.has(decision.kind)) return;
    const reversal = this.reversals.get(decision.kind);
    // A reversible kind without its reversal would tell the user something was undone that was not.
    if (!reversal) throw new Error(`No reversal registered for ${decision.kind} decisions`);
    await reversal(manager, decision, reviewer);
  }
}
