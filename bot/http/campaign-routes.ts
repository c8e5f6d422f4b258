import type restify from 'restify';
import type { CampaignAdmin } from '../domain/campaigns/campaign-service';
import type { Logger } from '../logger';
import type { Authenticator } from './auth';
import { API } from './api-routes';
import { serve } from './serve';
import { callerOf, sendPrivate } from './tab-request';

/** Reminder campaigns for programme admins: status per campaign, and "send now". Access lives in the domain. */
export function registerCampaignRoutes(
  server: restify.Server,
  deps: { auth: Authenticator; campaigns: CampaignAdmin; log: Logger },
): void {
  const { auth, campaigns, log } = deps;

  serve(server, API.campaigns, log, async (req, res) => {
    sendPrivate(res, 200, await campaigns.overview(await callerOf(auth, req)));
  });

  serve(server, API.startCampaign, log, async (req, res) => {
    const caller = await callerOf(auth, req);
    // 409 campaign_exists (one per tenant per month) or campaigns_off, with a localized message.
    const started = await campaigns.startNow(caller);
    log.info(
      { requestId: req.id(), tenantId: caller.tenantId, campaignId: started.campaignId, action: 'campaign.started' },
      'admin started a campaign',
    );
    sendPrivate(res, 202, started);
  });
}
