import { useEffect, useState } from 'react';
import { notificationsApi, type MessageTypeInfo } from './api';

/**
 * The message types a notification may want, as the service lists them: the service owns the
 * list (it adds types over time), the console only has words for them.
 */
export function useMessageTypes(): { types: MessageTypeInfo[]; error: unknown } {
  const [types, setTypes] = useState<MessageTypeInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    notificationsApi
      .messageTypes()
      .then((list) => live && setTypes(list))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, []);
  return { types, error };
}
