// Folder and tag names for filters and forms, fetched after the first paint (never on its path).
import { useEffect, useState } from 'preact/hooks';
import { send } from '../../../messaging/client';

export function useTagsAndFolders(dataVersion: number): { tags: string[]; folders: string[] } {
  const [value, setValue] = useState<{ tags: string[]; folders: string[] }>({ tags: [], folders: [] });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      send('items.tagsAndFolders').then(
        (reply) => live && setValue(reply),
        () => undefined,
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [dataVersion]);
  return value;
}
