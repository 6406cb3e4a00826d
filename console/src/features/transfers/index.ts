export { TransfersPage } from './TransfersPage';
export { TransferDetails } from './TransferDetails';
