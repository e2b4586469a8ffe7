import { builder } from './builder.js';
import './users.js';
import './projects.js';
import './devices.js';
import './tokens.js';
import './token-mutations.js';
import './policy.js';
import './audit.js';
import './viewer.js';
import './token-limits.js';
import './notifications.js';
import './explain.js';
import './least-privilege.js';
import './webhooks.js';
import './trust-policies.js';
import './enrollment.js';
import './device-codes.js';

export const schema = builder.toSchema({ sortSchema: true });
