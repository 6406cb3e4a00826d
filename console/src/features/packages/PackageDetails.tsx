export function PackageDetails() {
  return null;
}
