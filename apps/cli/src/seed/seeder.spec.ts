import { SEED_PASSWORD, summarize } from './seeder';

describe('summarize', () => {
  it('gives the counts, the time, and how to log in', () => {
    const text = summarize({
      run: 1,
      clients: 100,
      providers: 10,
      missions: 1000,
      bids: 2345,
      ratings: 98,
      reputations: 61,
      missionsByStatus: { OPEN: 800, ASSIGNED: 80, COMPLETED: 70, CANCELLED: 50 },
      elapsedMs: 4200,
    });
    expect(text).toContain('users     110 (100 clients, 10 providers');
    expect(text).toContain('missions  1,000 (800 open, 80 assigned, 70 completed, 50 cancelled)');
    expect(text).toContain('bids      2,345');
    expect(text).toContain('ratings   98 (published; 61 users with a reputation)');
    expect(text).toContain('4.2 s');
    expect(text).toContain(`client-1@seed.example or provider-1@seed.example, password: ${SEED_PASSWORD}`);
  });

  it('says when earlier seed data was kept', () => {
    const text = summarize({
      run: 2,
      clients: 1,
      providers: 1,
      missions: 1,
      bids: 0,
      ratings: 0,
      reputations: 0,
      missionsByStatus: { OPEN: 1, ASSIGNED: 0, COMPLETED: 0, CANCELLED: 0 },
      elapsedMs: 1,
    });
    expect(text).toContain('earlier seed data was kept');
    expect(text).toContain('client-1-run2@seed.example');
  });
});
