import { expect } from '@open-wc/testing';
import { newId } from './ids.js';

describe('newId', () => {
  it('gives ids that sort in the order they were made, also within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId('c'));
    expect(new Set(ids).size).to.equal(ids.length);
    expect([...ids].sort()).to.deep.equal(ids);
    expect(ids.every((id) => /^c[0-9a-z]{19}$/.test(id))).to.equal(true);
  });
});
