export { NotificationsPage } from './NotificationsPage';
export { NotificationDetails } from './NotificationDetails';
