// The operations of the Webhooks page: hooks, their deliveries, and redelivery.
import { graphql } from './gql/index.js';

export const WebhooksQuery = graphql(`
  query ConsoleWebhooks($after: String) {
    webhooks(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id url events enabled createdAt disabledAt disabledReason failingSince project { id name } } }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation ConsoleCreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) { secret webhook { id url } }
  }
`);

export const UpdateWebhookMutation = graphql(`
  mutation ConsoleUpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
    updateWebhook(id: $id, input: $input) { id url enabled events }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation ConsoleDeleteWebhook($id: ID!) { deleteWebhook(id: $id) }
`);

export const WebhookDeliveriesQuery = graphql(`
  query ConsoleWebhookDeliveries($webhookId: ID!, $after: String) {
    # 10 rows keep this well inside the gateway's cost limit (armor multiplies by first).
    webhookDeliveries(webhookId: $webhookId, first: 10, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id event status attempts lastResponseStatus lastError createdAt lastAttemptAt deliveredAt nextAttemptAt messageId }
    }
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation ConsoleRedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) { id status }
  }
`);
