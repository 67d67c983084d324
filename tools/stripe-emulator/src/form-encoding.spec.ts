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

  it.each([
    ['a key both a value and a hash', 'metadata=x&metadata[a]=b'],
    ['an index leaving a hole', 'list[0]=a&list[2]=b'],
    ['a malformed key', 'metadata[a=b'],
    ['a key reaching the prototype', '__proto__[polluted]=yes'],
    ['a nested key reaching the prototype', 'metadata[constructor][prototype]=yes'],
  ])('refuses %s', (_case, encoded) => {
    expect(() => decodeForm(encoded)).toThrow(FormEncodingError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
