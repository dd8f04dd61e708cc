/** Court contracts, version 1: commands, events and HTTP bodies of the court node. */
export * from './common.ts';
export * from './registration.ts';
export * from './card.ts';
export * from './users.ts';
export * from './judges.ts';
export * from './correspondence.ts';
export * from './orders.ts';
export * from './search.ts';
