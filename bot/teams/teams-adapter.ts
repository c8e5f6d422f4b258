import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import { createBotAuthentication } from './bot-authentication';

/**
 * CloudAdapter whose caller sees a failed turn's error itself: `process()` answers every
 * error but botbuilder's own AuthenticationError with 500, so a token that cannot be
 * checked (a bad signature, unreachable signing keys) would look like our failure.
 */
export class TeamsAdapter extends CloudAdapter {
  runActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The adapter for the configured bot (none: activities are not authenticated, as in development). */
export function createTeamsAdapter(bot: Config['bot']): TeamsAdapter {
  return new TeamsAdapter(createBotAuthentication(bot));
}
