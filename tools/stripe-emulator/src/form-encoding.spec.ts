import { FormEncodingError, decodeForm } from './form-encoding';

describe('decodeForm', () => {
  it('decodes bracketed keys into nested objects and indexed or appended arrays', () => {
    const encoded =
      'amount=1000&metadata[mission_id]=m%201&capabilities[transfers][requested]=true&payment_method_types[0]=card&payment_method_types[1]=sepa_debit&expand[]=latest_charge&description=a+b';
    expect(decodeForm(encoded)).toEqual({
      amount: '1000',
      metadata: { mission_id: 'm 1' },
      capabilities: { transfers: { requested: 'true' } },
      payment_method_types: ['card', 'sepa_debit'],
      expand: ['latest_charge'],
      description: 'a b',
    });
  });

  it('decodes lists of objects', () => {
    expect(decodeForm('items[0][price]=p1&items[0][quantity]=2&items[1][price]=p2')).toEqual({
      items: [{ price: 'p1', quantity: '2' }, { price: 'p2' }],
    });
  });

  it('keeps the last of a repeated plain key, as Stripe does', () => {
    expect(decodeForm('amount=1000&amount=2000')).toEqual({ amount: '2000' });
  });

  it.each([
    ['a key reaching the prototype', '__proto__[polluted]=yes'],
    ['a nested key reaching the prototype', 'metadata[constructor][prototype][polluted]=yes'],
  ])('drops %s', (_case, encoded) => {
    expect(decodeForm(`${encoded}&amount=1`)).toEqual({ amount: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a list longer than any Stripe takes', Array.from({ length: 102 }, (_, i) => `expand[${i}]=x`).join('&')],
    ['a key nested deeper than any Stripe takes', 'a[b][c][d][e][f][g]=x'],
    ['more parameters than any call sends', Array.from({ length: 1001 }, (_, i) => `p${i}=x`).join('&')],
  ])('refuses %s', (_case, encoded) => {
    expect(() => decodeForm(encoded)).toThrow(FormEncodingError);
  });
});
