/** The customers module's public surface: other modules and the composition (app, cli, jobs) import only this. */
export {
  createCustomer,
  customerIdsWithEmails,
  findCustomerByEmail,
  findOrCreateCustomer,
  findOrCreateCustomers,
} from './create-customer.js';
