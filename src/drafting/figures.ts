// The figures a sentence states: sums of money ("$66.5 billion"), shares
// ("12%"), counts ("over 8 million displaced") and durations ("30-day",
// "three-day"), each as a value in a unit.

export interface StatedFigure {
  start: number;
  end: number;
  value: number;
  unit: string;
}

const scales: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};
const currencies: Record<string, string> = { $: "USD", US$: "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB" };
const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
};
/** Words after a count that say it counts people: "8 million displaced". */
const peopleWords =
  /^(?:people|persons|displaced|refugees|civilians|killed|dead|wounded|injured|evacuated|residents|soldiers|troops|casualties|children|prisoners)$/i;

const amount = String.raw`(\d+(?:[.,]\d+)*)`;
const scale = String.raw`(?:\s?(thousand|million|billion|trillion|bn|mn|m)\b)?`;
const money = new RegExp(String.raw`(US\$|[$€£₴₽])\s?${amount}${scale}`, "gu");
const share = new RegExp(String.raw`${amount}\s?(?:%|per ?cent\b|percent\b)`, "gu");
const count = new RegExp(String.raw`(?<![$€£₴₽\d.,])${amount}\s(thousand|million|billion)\s+([\p{L}]+)`, "gu");
const duration = new RegExp(
  String.raw`\b(\d+|${Object.keys(numberWords).join("|")})[- ](day|week|month|year|hour)s?\b`,
  "giu",
);

const numberOf = (digits: string) => Number(digits.replace(/,/g, ""));
const scaled = (value: number, word: string | undefined) =>
  Math.round(value * (word ? (scales[word.toLowerCase()] ?? 1) : 1) * 1e6) / 1e6;

export function statedFigures(text: string, offset = 0): StatedFigure[] {
  const figures: StatedFigure[] = [];
  const add = (match: RegExpMatchArray, value: number, unit: string) => {
    const start = offset + (match.index ?? 0);
    const end = start + match[0].length;
    if (figures.some((f) => f.start < end && start < f.end)) return;
    figures.push({ start, end, value, unit });
  };
  for (const m of text.matchAll(money))
    add(m, scaled(numberOf(m[2] as string), m[3]), currencies[m[1] as string] as string);
  for (const m of text.matchAll(share)) add(m, numberOf(m[1] as string), "percent");
  for (const m of text.matchAll(count)) {
    const noun = m[3] as string;
    add(m, scaled(numberOf(m[1] as string), m[2]), peopleWords.test(noun) ? "people" : noun.toLowerCase());
  }
  for (const m of text.matchAll(duration)) {
    const n = m[1] as string;
    add(m, numberWords[n.toLowerCase()] ?? numberOf(n), `${(m[2] as string).toLowerCase()}s`);
  }
  return figures.sort((a, b) => a.start - b.start);
}
