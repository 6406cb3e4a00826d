export { PackagesPage } from './PackagesPage';
export { PackageDetails } from './PackageDetails';
