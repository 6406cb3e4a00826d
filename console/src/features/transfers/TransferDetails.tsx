export function TransferDetails() {
  return null;
}
