import { initialValues, issuesByField, missingFields, settingsBody } from './channel-settings-form';

describe('channel settings form', () => {
  it('starts from the saved public part and never from a secret', () => {
    expect(initialValues('email', { fromAddress: 'news@example.jp', senderName: '絆コスメ', poolSize: 5 })).toEqual({
      'public.fromAddress': 'news@example.jp',
      'public.senderName': '絆コスメ',
      'public.postalAddress': '',
      'public.contactAddress': '',
      'public.poolSize': '5',
      'secret.smtpUrl': '',
    });
    expect(initialValues('line', null)['secret.channelSecret']).toBe('');
  });

  it('asks for every required field, secrets included (the engine never keeps an old secret)', () => {
    expect(
      missingFields('email', initialValues('email', { fromAddress: 'a@b.jp', senderName: 'x', postalAddress: 'y' })),
    ).toEqual(['secret.smtpUrl']);
  });

  it('builds the body with optional fields left out and numbers as numbers', () => {
    expect(
      settingsBody('email', {
        'public.fromAddress': ' news@example.jp ',
        'public.senderName': '絆コスメ',
        'public.postalAddress': '東京都渋谷区',
        'public.contactAddress': '',
        'public.poolSize': '3',
        'secret.smtpUrl': 'smtp://u:p@mail:25',
      }),
    ).toEqual({
      public: { fromAddress: 'news@example.jp', senderName: '絆コスメ', postalAddress: '東京都渋谷区', poolSize: 3 },
      secret: { smtpUrl: 'smtp://u:p@mail:25' },
    });
  });

  it('puts the engine issues on their fields', () => {
    expect(
      issuesByField([
        { field: 'public.fromAddress', message: 'must be an email address' },
        { field: 'secret.smtpUrl', message: 'is required' },
        { field: 'public.fromAddress', message: 'is too long' },
      ]),
    ).toEqual({ 'public.fromAddress': 'must be an email address; is too long', 'secret.smtpUrl': 'is required' });
  });
});
