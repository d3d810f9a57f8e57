/** The product's name as people see it, and as the OS data folder is named. */
export const productName = 'Break-Glass Runbook';
