import restify from 'restify';
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
} from 'botbuilder';

/** The smallest useful reply card: what the floor bot returns for a tapped button. */
const SMALL_CARD = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'OK', wrap: true }],
  actions: [{ type: 'Action.Execute', title: 'Next', verb: 'next', data: {} }],
};

/**
 * Echoes a message's text with one sendActivity; answers an `adaptiveCard/action` invoke with a
 * small card, after `onInvoke` (the write floor: one point write to the store) when given.
 */
class EchoBot extends ActivityHandler {
  constructor(private readonly onInvoke?: () => Promise<unknown>) {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    await this.onInvoke?.();
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: SMALL_CARD };
  }
}

/**
 * The floor the benchmarks compare against: a bare botbuilder bot on restify, the same
 * package versions and adapter set-up as ours (CloudAdapter, no auth), nothing else.
 */
export async function startEchoBot(
  port = 0,
  onInvoke?: () => Promise<unknown>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot(onInvoke);
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res as never, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
