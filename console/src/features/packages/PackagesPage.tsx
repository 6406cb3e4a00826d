export function PackagesPage() {
  return null;
}
