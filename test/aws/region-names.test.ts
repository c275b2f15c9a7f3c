import { CONTROL_TOWER_REGIONS } from '../../src/aws/regions';
import { regionName, REGION_NAMES } from '../../src/aws/region-names';

describe('Region names', () => {
  test('every Region root-guard can run in has its name (what CloudWatch writes in an alarm email)', () => {
    expect(CONTROL_TOWER_REGIONS.filter((r) => REGION_NAMES[r] === undefined)).toEqual([]);
    expect(regionName('us-east-1')).toBe('US East (N. Virginia)');
    expect(regionName('eu-central-2')).toBe('Europe (Zurich)');
  });

  test('a Region added after the list is shown by its code, never as a placeholder', () => {
    expect(regionName('xx-new-1')).toBe('xx-new-1');
  });
});
