import { describe, expect, it } from 'vitest';
import { fallbackUpdate, planCardSave } from '@/lib/cards/plan';
import type { LinqContactCard } from '@/lib/linq/types';

const phoneNumber = '+14155550100';
const active: LinqContactCard = { phoneNumber, firstName: 'Northwind', lastName: 'Coffee', imageUrl: 'https://cdn.linqapp.com/a.jpg', isActive: true };

describe('planCardSave', () => {
  it('creates a card for a number without one, sending only what is set', () => {
    expect(planCardSave(null, { phoneNumber, firstName: 'Northwind', lastName: '' })).toEqual({
      kind: 'create',
      input: { phoneNumber, firstName: 'Northwind' },
      sentFields: ['first_name'],
    });
    expect(planCardSave(null, { phoneNumber, firstName: 'N', lastName: 'C', imageUrl: 'https://x/p.jpg' })).toEqual({
      kind: 'create',
      input: { phoneNumber, firstName: 'N', lastName: 'C', imageUrl: 'https://x/p.jpg' },
      sentFields: ['first_name', 'last_name', 'image_url'],
    });
  });

  it('sets up again a card that never became active, keeping its photo unless given a new one', () => {
    const inactive = { ...active, isActive: false };
    expect(planCardSave(inactive, { phoneNumber, firstName: 'Northwind', lastName: 'Coffee' })).toEqual({
      kind: 'create',
      input: { phoneNumber, firstName: 'Northwind', lastName: 'Coffee', imageUrl: 'https://cdn.linqapp.com/a.jpg' },
      sentFields: ['first_name', 'last_name', 'image_url'],
    });
  });

  it('updates only the last name when only the last name changed', () => {
    expect(planCardSave(active, { phoneNumber, firstName: 'Northwind', lastName: 'Roasters' })).toEqual({
      kind: 'update',
      patch: { lastName: 'Roasters' },
      sentFields: ['last_name'],
    });
  });

  it('clears the last name with an empty value, and always sends a new photo', () => {
    expect(planCardSave(active, { phoneNumber, firstName: 'Northwind', lastName: '', imageUrl: 'https://x/new.jpg' })).toEqual({
      kind: 'update',
      patch: { lastName: '', imageUrl: 'https://x/new.jpg' },
      sentFields: ['last_name', 'image_url'],
    });
  });

  it('does nothing when nothing changed, a missing last name counting as empty', () => {
    expect(planCardSave(active, { phoneNumber, firstName: 'Northwind', lastName: 'Coffee' })).toEqual({ kind: 'nothing' });
    expect(planCardSave({ ...active, lastName: null }, { phoneNumber, firstName: 'Northwind', lastName: '' })).toEqual({ kind: 'nothing' });
  });
});

describe('fallbackUpdate', () => {
  it('sends the whole card, clearing a last name the create left out', () => {
    expect(fallbackUpdate({ phoneNumber, firstName: 'N' })).toEqual({ patch: { firstName: 'N', lastName: '' }, sentFields: ['first_name', 'last_name'] });
    expect(fallbackUpdate({ phoneNumber, firstName: 'N', lastName: 'C', imageUrl: 'https://x/p.jpg' })).toEqual({
      patch: { firstName: 'N', lastName: 'C', imageUrl: 'https://x/p.jpg' },
      sentFields: ['first_name', 'last_name', 'image_url'],
    });
  });
});
