import { defaultServiceName } from './tracing';

describe('the tracing preload', () => {
  it('names the service after the app whose main.js started the process', () => {
    expect(defaultServiceName('/app/dist/apps/api/src/main.js')).toBe('marketplace-api');
    expect(defaultServiceName('/app/dist/apps/worker/src/main.js')).toBe('marketplace-worker');
    expect(defaultServiceName('C:\\app\\dist\\apps\\cli\\src\\main.js')).toBe('marketplace-cli');
    expect(defaultServiceName('/usr/lib/node_modules/jest/bin/jest.js')).toBe('marketplace');
    expect(defaultServiceName(undefined)).toBe('marketplace');
  });
});
