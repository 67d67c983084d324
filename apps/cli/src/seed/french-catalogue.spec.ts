import {
  BID_MESSAGES,
  FIRST_NAMES,
  FRENCH_CITIES,
  FrenchCity,
  LAST_NAMES,
  MISSION_CATEGORIES,
  MISSION_TEMPLATES,
  PROVIDER_HEADLINES,
  STREET_NAMES,
} from './french-catalogue';
import { aFrenchPhone, fillPlaceholders, jitterAround, pick, pickWeighted, Random, seededRandom } from './random';

/** Great-circle distance in km, on the same sphere as the code under test. */
function haversineKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = toRadians(b.latitude - a.latitude);
  const dLng = toRadians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** A random source that replays the given values, for exact checks of the helpers. */
function replaying(...values: number[]): Random {
  let index = 0;
  return () => values[index++ % values.length];
}

function city(name: string): FrenchCity {
  const found = FRENCH_CITIES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${name} is not in the catalogue`);
  return found;
}

// The worst case for length checks: the longest city name and a two-digit number.
const LONGEST_CITY = FRENCH_CITIES.reduce((longest, candidate) => (candidate.name.length > longest.length ? candidate.name : longest), '');
const filled = (text: string) => fillPlaceholders(text, { city: LONGEST_CITY, n: 99 });

describe('FRENCH_CITIES', () => {
  it('has at least 60 cities, including the big ones', () => {
    expect(FRENCH_CITIES.length).toBeGreaterThanOrEqual(60);
    for (const name of [
      'Paris',
      'Marseille',
      'Lyon',
      'Toulouse',
      'Nice',
      'Nantes',
      'Strasbourg',
      'Bordeaux',
      'Lille',
      'Rennes',
      'Ajaccio',
    ]) {
      expect(city(name)).toBeDefined();
    }
  });

  it.each(FRENCH_CITIES.map((c) => [c.name, c] as const))(
    '%s lies in metropolitan France or Corsica, with a postcode and a weight',
    (_, c) => {
      expect(c.latitude).toBeGreaterThanOrEqual(41.3);
      expect(c.latitude).toBeLessThanOrEqual(51.1);
      expect(c.longitude).toBeGreaterThanOrEqual(-5.2);
      expect(c.longitude).toBeLessThanOrEqual(9.6);
      expect(c.postcode).toMatch(/^\d{5}$/);
      expect(c.weight).toBeGreaterThan(0);
      expect(Number.isFinite(c.weight)).toBe(true);
    },
  );

  it('names every city once', () => {
    const names = FRENCH_CITIES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('puts a few landmarks where they belong (a sanity check of the coordinates)', () => {
    expect(haversineKm(city('Paris'), city('Marseille'))).toBeCloseTo(661, -1);
    expect(haversineKm(city('Paris'), city('Lyon'))).toBeCloseTo(392, -1);
    expect(haversineKm(city('Lille'), city('Perpignan'))).toBeCloseTo(883, -1);
    expect(haversineKm(city('Brest'), city('Strasbourg'))).toBeCloseTo(901, -1);
    expect(city('Ajaccio').postcode).toBe('20000');
    expect(city('Paris').postcode).toBe('75001');
  });
});

describe('MISSION_TEMPLATES', () => {
  it('covers exactly the categories', () => {
    expect(Object.keys(MISSION_TEMPLATES).sort()).toEqual([...MISSION_CATEGORIES].sort());
  });

  it.each(MISSION_CATEGORIES)('%s has at least 6 templates within the length and budget limits', (category) => {
    const templates = MISSION_TEMPLATES[category];
    expect(templates.length).toBeGreaterThanOrEqual(6);
    for (const template of templates) {
      const title = filled(template.title);
      const description = filled(template.description);
      expect(title.length).toBeGreaterThanOrEqual(5);
      expect(title.length).toBeLessThanOrEqual(120);
      expect(description.length).toBeGreaterThanOrEqual(20);
      expect(description.length).toBeLessThanOrEqual(5000);
      expect(`${title} ${description}`).not.toMatch(/[{}]/); // no unknown or misspelt placeholder left behind
      if (template.budgetCents) {
        const { min, max } = template.budgetCents;
        expect(Number.isInteger(min) && Number.isInteger(max)).toBe(true);
        expect(min).toBeGreaterThanOrEqual(500);
        expect(max).toBeLessThanOrEqual(1_000_000);
        expect(min).toBeLessThanOrEqual(max);
      }
    }
  });

  it('has no two templates with the same title in a category', () => {
    for (const category of MISSION_CATEGORIES) {
      const titles = MISSION_TEMPLATES[category].map((template) => template.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });
});

describe('names, streets, headlines and bid messages', () => {
  it('has enough distinct names and streets', () => {
    for (const [list, minimum] of [
      [FIRST_NAMES, 40],
      [LAST_NAMES, 40],
      [STREET_NAMES, 30],
    ] as const) {
      expect(list.length).toBeGreaterThanOrEqual(minimum);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it.each(MISSION_CATEGORIES)('%s has at least 3 headlines of 5 to 80 characters', (category) => {
    const headlines = PROVIDER_HEADLINES[category];
    expect(headlines.length).toBeGreaterThanOrEqual(3);
    for (const headline of headlines) {
      expect(headline.length).toBeGreaterThanOrEqual(5);
      expect(headline.length).toBeLessThanOrEqual(80);
    }
  });

  it('has at least 20 bid messages of 10 to 2000 characters once filled', () => {
    expect(BID_MESSAGES.length).toBeGreaterThanOrEqual(20);
    for (const message of BID_MESSAGES.map(filled)) {
      expect(message.length).toBeGreaterThanOrEqual(10);
      expect(message.length).toBeLessThanOrEqual(2000);
      expect(message).not.toMatch(/[{}]/);
    }
  });
});

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const draw = (random: Random) => Array.from({ length: 20 }, () => random());
    expect(draw(seededRandom(42))).toEqual(draw(seededRandom(42)));
    expect(draw(seededRandom(42))).not.toEqual(draw(seededRandom(43)));
  });

  it('stays in [0, 1) and spreads over it', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 10_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe('pick', () => {
  it('maps [0, 1) onto the items, even at the edges', () => {
    const items = ['a', 'b', 'c', 'd'];
    expect(pick(replaying(0), items)).toBe('a');
    expect(pick(replaying(0.5), items)).toBe('c');
    expect(pick(replaying(0.999999), items)).toBe('d');
    expect(pick(replaying(1), items)).toBe('d');
  });

  it('refuses an empty list', () => {
    expect(() => pick(seededRandom(1), [])).toThrow(RangeError);
  });
});

describe('pickWeighted', () => {
  it('picks Paris most often', () => {
    const random = seededRandom(2024);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const name = pickWeighted(random, FRENCH_CITIES).name;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const [mostPicked] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(mostPicked).toBe('Paris');
    expect(counts.size).toBeGreaterThan(60);
  });

  it('follows the running totals of the weights exactly, and never picks a zero weight', () => {
    const cities: FrenchCity[] = [
      { name: 'A', postcode: '00001', latitude: 45, longitude: 2, weight: 1 },
      { name: 'Zero', postcode: '00002', latitude: 45, longitude: 2, weight: 0 },
      { name: 'B', postcode: '00003', latitude: 45, longitude: 2, weight: 3 },
    ];
    const at = (value: number) => pickWeighted(replaying(value), cities).name;
    expect(at(0)).toBe('A');
    expect(at(0.2499)).toBe('A');
    expect(at(0.25)).toBe('B');
    expect(at(0.9999)).toBe('B');
  });

  it('refuses lists it cannot draw from', () => {
    const zero: FrenchCity = { name: 'Zero', postcode: '00000', latitude: 45, longitude: 2, weight: 0 };
    expect(() => pickWeighted(seededRandom(1), [])).toThrow(RangeError);
    expect(() => pickWeighted(seededRandom(1), [zero])).toThrow(RangeError);
    expect(() => pickWeighted(seededRandom(1), [{ ...zero, weight: -1 }])).toThrow(RangeError);
  });
});

describe('jitterAround', () => {
  it.each([
    ['Paris', 10],
    ['Dunkerque', 25],
    ['Ajaccio', 3],
    ['Brest', 0.05],
  ] as const)('stays within %s + %p km over 1000 draws, and fills the disc', (name, maxKm) => {
    const random = seededRandom(99);
    const centre = city(name);
    const distances = Array.from({ length: 1000 }, () => {
      const point = jitterAround(random, centre, maxKm);
      expect(Math.round(point.latitude * 1e6) / 1e6).toBe(point.latitude);
      expect(Math.round(point.longitude * 1e6) / 1e6).toBe(point.longitude);
      return haversineKm(centre, point);
    });
    expect(Math.max(...distances)).toBeLessThanOrEqual(maxKm);
    expect(Math.max(...distances)).toBeGreaterThan(0.9 * maxKm);
    // Uniform over a disc: the mean distance from the centre is two thirds of the radius.
    const mean = distances.reduce((sum, distance) => sum + distance, 0) / distances.length;
    expect(mean / maxKm).toBeGreaterThan(0.6);
    expect(mean / maxKm).toBeLessThan(0.73);
  });

  it('scales longitude by latitude: due east by maxKm is maxKm away, not less or more', () => {
    // A draw just under 1 gives the full radius; a quarter turn is due east.
    const point = jitterAround(replaying(0.999999999, 0.25), city('Dunkerque'), 20);
    expect(haversineKm(city('Dunkerque'), point)).toBeCloseTo(20, 2);
    expect(point.latitude).toBeCloseTo(city('Dunkerque').latitude, 2);
    expect(point.longitude - city('Dunkerque').longitude).toBeCloseTo(20 / (111.195 * Math.cos((51.0344 * Math.PI) / 180)), 3);
  });

  it('returns the centre for a zero radius and refuses a negative one', () => {
    expect(jitterAround(seededRandom(1), city('Lyon'), 0)).toEqual({ latitude: 45.764, longitude: 4.8357 });
    expect(() => jitterAround(seededRandom(1), city('Lyon'), -1)).toThrow(RangeError);
  });
});

describe('fillPlaceholders', () => {
  it('fills every {city} and {n}, and leaves the rest alone', () => {
    expect(fillPlaceholders('{n} cartons de {city} à {city}, 10 $ {other}', { city: 'Saint-Étienne', n: 3 })).toBe(
      '3 cartons de Saint-Étienne à Saint-Étienne, 10 $ {other}',
    );
    expect(fillPlaceholders('{city}', { city: "$& L'Haÿ-les-Roses", n: 1 })).toBe("$& L'Haÿ-les-Roses");
  });
});

describe('aFrenchPhone', () => {
  it('gives French mobile numbers in E.164, the same ones for the same seed', () => {
    const random = seededRandom(5);
    const phones = Array.from({ length: 500 }, () => aFrenchPhone(random));
    for (const phone of phones) expect(phone).toMatch(/^\+33(6\d|7[3-9])\d{7}$/);
    expect(phones.some((phone) => phone.startsWith('+336'))).toBe(true);
    expect(phones.some((phone) => phone.startsWith('+337'))).toBe(true);
    expect(new Set(phones).size).toBeGreaterThan(490);
    expect(aFrenchPhone(seededRandom(5))).toBe(phones[0]);
  });
});
