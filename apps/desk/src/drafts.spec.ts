import { Drafts } from './drafts';

describe('Drafts', () => {
  it('gives the same moderator their half-written reasons back after signing in again', () => {
    const drafts = new Drafts();
    drafts.signedIn('moderator-1');
    drafts.set('identity-reject:case-1', 'La photo est flo');
    drafts.signedIn('moderator-1');
    expect(drafts.get('identity-reject:case-1')).toBe('La photo est flo');
  });

  it('gives another moderator none of them', () => {
    const drafts = new Drafts();
    drafts.signedIn('moderator-1');
    drafts.set('report:report-1', 'Spam');
    drafts.signedIn('moderator-2');
    expect(drafts.get('report:report-1')).toBe('');
  });

  it('forgets them on sign-out, and a reason once it is sent', () => {
    const drafts = new Drafts();
    drafts.signedIn('moderator-1');
    drafts.set('dispute:mission-1', 'Moitié faite');
    drafts.set('report:report-1', 'Spam');
    drafts.discard('report:report-1');
    expect(drafts.get('report:report-1')).toBe('');
    expect(drafts.get('dispute:mission-1')).toBe('Moitié faite');
    drafts.signedOut();
    drafts.signedIn('moderator-1');
    expect(drafts.get('dispute:mission-1')).toBe('');
  });

  it('tells its listeners of every change', () => {
    const drafts = new Drafts();
    const listener = jest.fn();
    const unsubscribe = drafts.subscribe(listener);
    drafts.set('a', 'x');
    drafts.discard('a');
    unsubscribe();
    drafts.set('a', 'y');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
