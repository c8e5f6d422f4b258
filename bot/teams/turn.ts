import type { Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/card';
import type { UserContext } from '../domain/org';
import type { ActionCommand, Verb } from '../cards/verbs';
import type { Command } from './commands';

/** What a feature answers: `card` replaces the card that was tapped (or is sent), `followUps` are sent as new messages. */
export interface Reply {
  card: AdaptiveCard;
  followUps?: AdaptiveCard[];
}

export interface Turn {
  user: UserContext;
  /** The incoming activity id and conversation id, for logging and references only. */
  activityId?: string;
  conversationId: string;
  /** Free text of a message turn (never logged). */
  text?: string;
  /** The message whose card was tapped (for invokes and submits): the card to update later. */
  replyToId?: string;
}

export type CommandHandler = (turn: Turn) => Promise<Reply>;
/** A card action's handler gets the tap's data already parsed by its verb's schema, as a typed command. */
export type ActionHandler<V extends Verb> = (turn: Turn, command: ActionCommand<V>) => Promise<Reply>;
/** Free text that is not a command: a feature may claim it (e.g. "you are in a scan"), else the menu. */
export type TextHandler = (turn: Turn) => Promise<Reply | null>;

export interface Features {
  commands: Partial<Record<Command, CommandHandler>>;
  actions: { [V in Verb]?: ActionHandler<V> };
  freeText?: TextHandler[];
}

export type { Activity };

/** Combines the features' commands, actions and free-text claims into one set for the bot. */
export function mergeFeatures(...all: Features[]): Features {
  return {
    commands: Object.assign({}, ...all.map((f) => f.commands)) as Features['commands'],
    actions: Object.assign({}, ...all.map((f) => f.actions)) as Features['actions'],
    freeText: all.flatMap((f) => f.freeText ?? []),
  };
}
