/** The simulator's directory roles are the product's own catalogue. */
export * from '../../shared/directory-roles.ts';
