export function NotificationDetails() {
  return null;
}
