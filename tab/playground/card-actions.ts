import { ExecuteAction, GlobalRegistry, SubmitAction } from 'adaptivecards';

/** A tap on a card button, with the chat message that holds the card. */
export type CardTap =
  | { kind: 'execute'; activityId: string; verb: string; data: Record<string, unknown>; card: HTMLElement }
  | { kind: 'submit'; activityId: string; value: Record<string, unknown>; card: HTMLElement };

/** Marks the element around a card with its message id (see the attachment middleware). */
export const ACTIVITY_ATTRIBUTE = 'data-activity-id';

let handler: ((tap: CardTap) => void) | null = null;

/** The chat that is on screen takes the taps; returns the undo. */
export function onCardTap(next: (tap: CardTap) => void): () => void {
  handler = next;
  return () => {
    if (handler === next) handler = null;
  };
}

function holderOf(action: { renderedElement?: HTMLElement }): HTMLElement | null {
  return action.renderedElement?.closest<HTMLElement>(`[${ACTIVITY_ATTRIBUTE}]`) ?? null;
}

function plainData(data: unknown): Record<string, unknown> | null {
  return data && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : null;
}

/**
 * Web Chat 4.18 handles only Action.Submit and Action.OpenUrl: it logs an error for
 * Action.Execute and does nothing. Teams sends an `adaptiveCard/action` invoke and puts
 * the answer in place of the card, and sends an Action.Submit as a message replying to
 * the card's message. These subclasses, registered in the Adaptive Cards registry Web
 * Chat parses with, hand both taps to the page with the message they came from.
 */
class TeamsExecuteAction extends ExecuteAction {
  protected override raiseExecuteActionEvent(): void {
    const card = holderOf(this);
    if (!handler || !card) return super.raiseExecuteActionEvent();
    // Validates required inputs (focusing the first invalid one) and merges input values into data.
    if (!this.prepareForExecution()) return;
    handler({
      kind: 'execute',
      activityId: card.getAttribute(ACTIVITY_ATTRIBUTE)!,
      verb: this.verb,
      data: plainData(this.data) ?? {},
      card,
    });
  }
}

class TeamsSubmitAction extends SubmitAction {
  protected override raiseExecuteActionEvent(): void {
    const card = holderOf(this);
    // A string `data` is an imBack in Web Chat and in Teams alike: leave it to Web Chat.
    if (!handler || !card || !plainData(this.data)) return super.raiseExecuteActionEvent();
    if (!this.prepareForExecution()) return;
    handler({ kind: 'submit', activityId: card.getAttribute(ACTIVITY_ATTRIBUTE)!, value: plainData(this.data)!, card });
  }
}

export function installTeamsCardActions(): void {
  GlobalRegistry.actions.register(ExecuteAction.JsonTypeName, TeamsExecuteAction);
  GlobalRegistry.actions.register(SubmitAction.JsonTypeName, TeamsSubmitAction);
}
