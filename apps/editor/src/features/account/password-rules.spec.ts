import { passwordChangeProblems } from './password-rules';

describe('passwordChangeProblems', () => {
  it('accepts a filled form whose new password is long enough and confirmed', () => {
    expect(
      passwordChangeProblems({
        currentPassword: 'old',
        newPassword: 'twelve chars',
        confirmation: 'twelve chars',
      }),
    ).toEqual({});
  });

  it('names each empty field', () => {
    expect(passwordChangeProblems({ currentPassword: '', newPassword: '', confirmation: '' })).toEqual({
      currentPassword: 'required',
      newPassword: 'required',
      confirmation: 'required',
    });
  });

  it('asks for at least 12 characters, as the engine does', () => {
    expect(
      passwordChangeProblems({ currentPassword: 'x', newPassword: 'elevenchars', confirmation: 'elevenchars' }),
    ).toEqual({ newPassword: 'tooShort' });
    const twelve = 'パスワードは十二文字以上';
    expect(twelve).toHaveLength(12);
    expect(passwordChangeProblems({ currentPassword: 'x', newPassword: twelve, confirmation: twelve })).toEqual({});
  });

  it('says when the confirmation differs', () => {
    expect(
      passwordChangeProblems({
        currentPassword: 'x',
        newPassword: 'long enough password',
        confirmation: 'long enough',
      }),
    ).toEqual({ confirmation: 'mismatch' });
  });
});
