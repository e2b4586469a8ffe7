import { describe, expect, it } from 'vitest';
import { DAY_MS, expiryBounds, expiryFromDate, filterMethods, grantDiff, methodDiff, relativeTime, scopeSummary, utcDate } from '../../web/src/format.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('console formatting', () => {
  it('says when, relative to now', () => {
    expect(relativeTime('2026-11-28T10:00:00Z', NOW)).toBe('in 6 days');
    expect(relativeTime('2026-11-22T07:00:00Z', NOW)).toBe('3 hours ago');
    expect(relativeTime('2026-11-21T09:00:00Z', NOW)).toBe('yesterday');
    expect(relativeTime('2026-11-22T09:59:30Z', NOW)).toBe('just now');
    expect(relativeTime(null, NOW)).toBe('never');
  });

  it('bounds the expiry picker by the policy so the gateway never refuses what it offers', () => {
    const bounds = expiryBounds({ defaultLifetimeDays: 30, maxLifetimeDays: 90, requireExpiry: false }, NOW);
    expect(bounds).toEqual({ min: '2026-11-23', max: '2027-02-20', default: '2026-12-22', required: true });
    // The latest date offered starts inside the limit the gateway checks (now + maxLifetimeDays).
    expect(Date.parse(expiryFromDate(bounds.max!))).toBeLessThanOrEqual(NOW + 90 * DAY_MS);
    expect(expiryBounds({ requireExpiry: false }, NOW)).toEqual({ min: '2026-11-23', max: undefined, default: '', required: false });
    expect(expiryBounds({ requireExpiry: true }, NOW).default).toBe(utcDate(NOW + 30 * DAY_MS));
  });

  it('summarises scope and diffs a suggestion', () => {
    const wide = [{ entity: 'DEVICE', action: 'WRITE' } as const, { entity: 'PROJECT', action: 'READ', projectId: 'p1', project: { name: 'Alpha' } } as const];
    const narrow = [{ entity: 'PROJECT', action: 'READ', projectId: 'p1', project: { name: 'Alpha' } } as const, { entity: 'DEVICE', action: 'READ', deviceId: 'd1', projectId: 'p1', device: { name: 'sensor-1' } } as const];
    expect(scopeSummary({ kind: 'CUSTOM', grants: wide, apiMethodSet: 'READ_ONLY' }, [{ key: 'READ_ONLY', name: 'Read only' }])).toBe(
      'Device write · all projects; Project read · project Alpha — Read only methods',
    );
    expect(scopeSummary({ kind: 'USER', grants: [] })).toBe("all of the owner's rights — all methods");
    const diff = grantDiff(wide, narrow);
    expect(diff.removed).toEqual([wide[0]]);
    expect(diff.kept).toEqual([wide[1]]);
    expect(diff.added).toEqual([narrow[1]]);
    const sets = [{ key: 'OPS', name: 'Ops', methods: ['Query.viewer', 'Query.devices'] }];
    expect(methodDiff({ apiMethodSet: 'OPS' }, ['Query.devices'], sets)).toEqual({ removed: ['Query.viewer'], kept: ['Query.devices'], added: [] });
    expect(methodDiff({ apiMethods: null }, ['Query.devices'], sets)).toEqual({ removed: ['all methods'], kept: [], added: ['Query.devices'] });
  });

  it('filters the method list by search and by "only checked"', () => {
    const all = ['Query.viewer', 'Query.devices', 'Mutation.updateDevice'];
    expect(filterMethods(all, ' DEVICE ', new Set(), false)).toEqual(['Query.devices', 'Mutation.updateDevice']);
    expect(filterMethods(all, '', new Set(['Query.viewer', 'Mutation.updateDevice']), true)).toEqual(['Query.viewer', 'Mutation.updateDevice']);
    expect(filterMethods(all, 'query', new Set(['Mutation.updateDevice']), true)).toEqual([]);
  });
});
