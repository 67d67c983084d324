/**
 * Drawing from the catalogue: a seeded random source and the helpers that take it as an argument,
 * so that one seed always gives the same data set (`seededRandom(42)`).
 */
import type { FrenchCity } from './french-catalogue';

/** A source of numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** Mulberry32: a small, fast generator that gives the same sequence for the same 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, count), safe even if `random` ever returns exactly 1. */
function randomIndex(random: Random, count: number): number {
  return Math.min(count - 1, Math.floor(random() * count));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick needs at least one item');
  return items[randomIndex(random, items.length)];
}

/** Running totals of the weights, computed once per array (the catalogue's arrays are never mutated). */
const cumulativeWeights = new WeakMap<readonly FrenchCity[], Float64Array>();

function cumulativeWeightsOf(cities: readonly FrenchCity[]): Float64Array {
  const cached = cumulativeWeights.get(cities);
  if (cached) return cached;
  const table = new Float64Array(cities.length);
  let total = 0;
  cities.forEach((city, index) => {
    if (!Number.isFinite(city.weight) || city.weight < 0) throw new RangeError(`${city.name} has an invalid weight: ${city.weight}`);
    total += city.weight;
    table[index] = total;
  });
  if (!(total > 0)) throw new RangeError('pickWeighted needs at least one city with a positive weight');
  cumulativeWeights.set(cities, table);
  return table;
}

/** A city drawn with probability proportional to its weight, by binary search over the running totals. */
export function pickWeighted(random: Random, cities: readonly FrenchCity[]): FrenchCity {
  const totals = cumulativeWeightsOf(cities);
  const target = random() * totals[totals.length - 1];
  // The first city whose running total exceeds the target; a zero-weight city can never be it.
  let low = 0;
  let high = totals.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (totals[middle] > target) high = middle;
    else low = middle + 1;
  }
  return cities[low];
}

const EARTH_RADIUS_KM = 6371;
/** Rounding to 6 decimals moves a point by at most ~8 cm; keeping 10 cm inside the circle makes `maxKm` a hard limit. */
const ROUNDING_MARGIN_KM = 0.0001;

const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
const toDegrees = (radians: number): number => (radians * 180) / Math.PI;
const roundTo6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * A point spread uniformly over the disc of radius `maxKm` around the city centre (great-circle distance),
 * rounded to 6 decimals (about 10 cm). A degree of longitude shrinks with cos(latitude); the spherical
 * destination formula below accounts for it, so the disc is not squashed into an east-west ellipse.
 */
export function jitterAround(random: Random, city: FrenchCity, maxKm: number): { latitude: number; longitude: number } {
  if (!Number.isFinite(maxKm) || maxKm < 0) throw new RangeError(`maxKm must be a finite distance >= 0, got ${maxKm}`);
  // The square root spreads points evenly over the area instead of bunching them at the centre.
  const distanceKm = Math.max(0, maxKm - ROUNDING_MARGIN_KM) * Math.sqrt(random());
  const bearing = 2 * Math.PI * random();
  const angle = distanceKm / EARTH_RADIUS_KM;
  const latitude = toRadians(city.latitude);
  const newLatitude = Math.asin(Math.sin(latitude) * Math.cos(angle) + Math.cos(latitude) * Math.sin(angle) * Math.cos(bearing));
  const longitudeOffset = Math.atan2(
    Math.sin(bearing) * Math.sin(angle) * Math.cos(latitude),
    Math.cos(angle) - Math.sin(latitude) * Math.sin(newLatitude),
  );
  return { latitude: roundTo6(toDegrees(newLatitude)), longitude: roundTo6(city.longitude + toDegrees(longitudeOffset)) };
}

/** Replaces every `{city}` and `{n}` in a template; other text, including `$` signs, is left as it is. */
export function fillPlaceholders(text: string, values: { city: string; n: number }): string {
  return text.replace(/\{(city|n)\}/g, (_, key: string) => (key === 'city' ? values.city : String(values.n)));
}

/**
 * A French mobile number in E.164 (+33 then 9 digits). Any 06 number is a mobile one; in 07,
 * only 073 to 079 are ordinary mobile numbers, so the generator stays within those.
 */
export function aFrenchPhone(random: Random): string {
  const prefix = random() < 0.5 ? `6${randomIndex(random, 10)}` : `7${3 + randomIndex(random, 7)}`;
  let rest = '';
  for (let i = 0; i < 7; i++) rest += String(randomIndex(random, 10));
  return `+33${prefix}${rest}`;
}
