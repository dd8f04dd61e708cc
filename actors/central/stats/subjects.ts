/** NATS query subjects of the centre's statistics (an ops- identity may ask: `asds.central.query.>`). */
export const CENTRAL_STATS_REPORT_SUBJECT = 'asds.central.query.stats-report';
export const CENTRAL_STATS_OVERDUE_SUBJECT = 'asds.central.query.stats-overdue';
