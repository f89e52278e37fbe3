// The end-to-end tests' handle on the console's Linq sandbox: set up what a test needs, then
// check what the console actually sent to "Linq".

export interface SandboxRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface SandboxShare {
  chat_id: string;
  from: string;
  at: string;
  effective: boolean;
}

export interface LineOptions {
  card?: { first_name: string; last_name?: string; is_active?: boolean };
  card_setup?: 'active' | 'inactive' | 'fail';
  activate_after_ms?: number;
}

export interface ChatSpec {
  from: string;
  to?: string[];
  service?: 'iMessage' | 'SMS' | 'RCS' | null;
  outbound?: number;
  inbound?: number;
  health?: 'HEALTHY' | 'AT_RISK' | 'CRITICAL' | 'OPTED_OUT';
  left?: boolean;
  display_name?: string;
  /** How long ago the chat started (default 1): Linq lists older chats later. */
  hours_ago?: number;
}

export class SandboxControl {
  constructor(readonly origin: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A new line of the account, not shared with any other test. */
  async addLine(options: LineOptions = {}): Promise<string> {
    return (await this.call<{ phone_number: string }>('POST', '/__sandbox/lines', options)).phone_number;
  }

  /** `apply_card`: Linq applies the card it holds inactive, now. */
  async updateLine(phoneNumber: string, options: Omit<LineOptions, 'card'> & { apply_card?: true }): Promise<void> {
    await this.call('PATCH', `/__sandbox/lines/${encodeURIComponent(phoneNumber)}`, options);
  }

  async addChat(spec: ChatSpec): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/__sandbox/chats', spec)).id;
  }

  async requests(filter: { path?: string; method?: string } = {}): Promise<SandboxRequest[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as Array<[string, string]>);
    return (await this.call<{ requests: SandboxRequest[] }>('GET', `/__sandbox/requests?${query}`)).requests;
  }

  async shares(chatId: string): Promise<SandboxShare[]> {
    return (await this.call<{ shares: SandboxShare[] }>('GET', `/__sandbox/shares?chat_id=${encodeURIComponent(chatId)}`)).shares;
  }

  async setBehaviour(changes: Record<string, unknown>): Promise<void> {
    await this.call('PATCH', '/__sandbox/behaviour', changes);
  }

  async addFaults(rules: Array<Record<string, unknown>>): Promise<void> {
    await this.call('POST', '/__sandbox/faults', { rules });
  }

  /** Removes the faults added with this path pattern (the other tests' stay). */
  async removeFaults(path: string): Promise<void> {
    await this.call('DELETE', `/__sandbox/faults?path=${encodeURIComponent(path)}`);
  }

  /** A message the business sent from elsewhere (its phone): Linq announces it by webhook. */
  async sendFromElsewhere(chatId: string): Promise<void> {
    await this.call('POST', `/__sandbox/chats/${encodeURIComponent(chatId)}/outbound-elsewhere`, {});
  }

  async webhookSubscriptions(): Promise<Array<{ id: string; target_url: string; subscribed_events: string[] }>> {
    return (
      await this.call<{ subscriptions: Array<{ id: string; target_url: string; subscribed_events: string[] }> }>('GET', '/__sandbox/webhook-subscriptions')
    ).subscriptions;
  }

  async webhookDeliveries(): Promise<Array<{ webhook_id: string; event_type: string; status: number | null; target_url: string }>> {
    return (
      await this.call<{ deliveries: Array<{ webhook_id: string; event_type: string; status: number | null; target_url: string }> }>(
        'GET',
        '/__sandbox/webhook-deliveries',
      )
    ).deliveries;
  }
}
