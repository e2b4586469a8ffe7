// Your notifications: expiry notices, marked read one by one or all at once.
import { useConsole } from '../context.js';
import { request } from '../api.js';
import { useMutation, usePaged } from '../data.js';
import { MarkReadMutation, NotificationsQuery } from '../operations.js';
import { ErrorText, When } from '../ui.js';
import { Empty, LoadMore } from '../widgets.js';

export function NotificationsPage() {
  const { refreshUnread } = useConsole();
  const list = usePaged('notifications', (after) => request(NotificationsQuery, { after }).then((d) => d.viewer.notifications));
  const mark = useMutation(MarkReadMutation);
  const items = list.data;
  const markRead = async (ids: string[] | null) => {
    if ((await mark.mutate({ ids })) !== undefined) {
      list.refetch();
      refreshUnread();
    }
  };
  return (
    <section aria-label="Notifications">
      <div class="section-head">
        <h1>Notifications</h1>
        {items?.some((n) => !n.readAt) && (
          <button type="button" onClick={() => markRead(null)}>
            Mark all read
          </button>
        )}
      </div>
      <ErrorText message={list.error ?? mark.error} />
      {list.loading && !items && <p>Loading…</p>}
      {items?.length === 0 && (
        <Empty>
          <p>Nothing yet. You are told here 7 days before one of your tokens expires, and when it has; regenerate it from “Your tokens” to keep it working.</p>
        </Empty>
      )}
      <ul class="notifications">
        {items?.map((n) => (
          <li key={n.id} class={n.readAt ? 'read' : 'unread'}>
            <span class="visually-hidden">{n.readAt ? 'Read: ' : 'Unread: '}</span>
            {n.message}{' '}
            <When at={n.createdAt} />
            {!n.readAt && (
              <button type="button" class="link" aria-label={`Mark read: ${n.message}`} onClick={() => markRead([n.id])}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
      <LoadMore list={list} />
    </section>
  );
}
