/**
 * The registry of organisations connected to the exchange hub (issue 17 §C): the actor, the operator and public
 * routes, the public view.
 *
 *   await system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'register', org: { id: 'gunp-poltava', kind: 'police',
 *     name: 'ГУНП в Полтавській області', code: '40108646' }, by: 'оператор Коваленко І. П.' });
 *   publicOrganisations(await system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'list' }), Date.now()).current[0].recent; // true
 */
export { ORGS_KIND, ORGS_ID, organisationsBehavior, OrganisationRefused, type OrgsState } from './registry.ts';
export { organisationAdminRoutes } from './routes.ts';
export { publicOrganisations, publicOrganisationsHtml, RECENT_DAYS } from './public.ts';
