/**
 * Where the command reads Jira from: a real Jira Cloud site when JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN are set,
 * otherwise the built-in demo site served in-process through the same HTTP client.
 */
import { JiraClient, type ClientOptions } from '../jira/client';
import { createFetchTransport } from '../jira/fetchTransport';
import { UsageError } from './usage';

export interface Connection {
  client: JiraClient;
  /** "https://acme.atlassian.net" or "the built-in demo site". */
  site: string;
  demo: boolean;
  close(): Promise<void>;
}

export async function connect(env: NodeJS.ProcessEnv, options: ClientOptions): Promise<Connection> {
  const baseUrl = env.JIRA_BASE_URL?.trim();
  if (baseUrl) {
    const email = env.JIRA_EMAIL?.trim();
    const apiToken = env.JIRA_API_TOKEN?.trim();
    const missing = [!email && 'JIRA_EMAIL', !apiToken && 'JIRA_API_TOKEN'].filter(Boolean);
    if (missing.length)
      throw new UsageError(
        `JIRA_BASE_URL is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not`,
      );
    let transport;
    try {
      transport = createFetchTransport({ baseUrl, email, apiToken });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    return {
      client: new JiraClient(transport, options),
      site: transport.description,
      demo: false,
      close: async () => {},
    };
  }
  const { startDemoJira } = await import('../../dev/demo-org/demoServer');
  const demo = await startDemoJira();
  const transport = createFetchTransport({ baseUrl: demo.url, email: demo.email, apiToken: demo.apiToken });
  return {
    client: new JiraClient(transport, options),
    site: 'the built-in demo site',
    demo: true,
    close: demo.close,
  };
}
