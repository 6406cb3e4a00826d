export const LIST_PATH = '/ota/notifications';
export const detailsPath = (id: string) => `${LIST_PATH}/${encodeURIComponent(id)}`;
