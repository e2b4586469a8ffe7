import { builder } from './builder.js';
import './users.js';
import './projects.js';
import './devices.js';
import './tokens.js';
import './viewer.js';

export const schema = builder.toSchema({ sortSchema: true });
