// Deterministic generated material for benchmarks: the same seed gives the same bytes on every machine.
// Pages look like what investigators save: navigation, ads and trackers, inline styles and scripts, an article,
// a comment thread, inline images.

/** mulberry32: a tiny seeded PRNG, good enough to vary text reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = (
  'the of and to in a is that for on was with he it as by at from his an were are which this be has had ' +
  'not they but have after been its their who said also one two new more than other into over first last ' +
  'government forces army security officials city region province area according sources report local ' +
  'attack killed wounded ambush convoy bus road desert village statement ministry spokesman press conference ' +
  'military militia fighters group operation strike strikes air base bases border crossing checkpoint civilians ' +
  'week month year monday tuesday wednesday thursday friday saturday sunday morning evening night'
).split(' ');
const NAMES = (
  'Homs Palmyra Suknah Tanf Deir Raqqa Aleppo Idlib Hama Damascus Daraa Qamishli Hasakah Mayadin Bukamal ' +
  'Popov Ivanov Petrov Hassan Khalil Yusuf Ahmad Mahmoud Karimov Sokolov Lavrov Badia Euphrates Amur'
).split(' ');
/** A long tail of rare words so that term frequencies look like real text (Zipf-like). */
const RARE = Array.from({ length: 5000 }, (_, index) => `w${index.toString(36)}x`);

export function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let index = 0; index < words; index++) {
    const roll = random();
    out.push(
      roll < 0.75 ? COMMON[Math.floor(random() * COMMON.length)]! : roll < 0.85 ? NAMES[Math.floor(random() * NAMES.length)]! : RARE[Math.floor(random() ** 2 * RARE.length)]!,
    );
  }
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export function paragraph(random: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random, 8 + Math.floor(random() * 18))).join(' ');
}

function tinyPngDataUri(random: () => number): string {
  // Not a decodable image, but carries the PNG signature so the importer stores it like one.
  const bytes = Buffer.alloc(1500);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  for (let index = 8; index < bytes.length; index++) bytes[index] = Math.floor(random() * 256);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

/** A saved news page of roughly 100 KB. */
export function newsPage(index: number): string {
  const random = seededRandom(index + 1);
  const title = sentence(random, 9).replace(/\.$/, '');
  const nav = Array.from({ length: 60 }, (_, n) => `<li><a href="/section/${n}">${sentence(random, 2)}</a></li>`).join('');
  const css = Array.from({ length: 400 }, (_, n) => `.c${n}{margin:${n % 7}px;padding:${n % 5}px;color:#${(n * 4099).toString(16).slice(0, 6).padEnd(6, '0')}}`).join('\n');
  const state = JSON.stringify({ props: Array.from({ length: 400 }, (_, n) => ({ id: n, headline: sentence(random, 8), tags: [sentence(random, 2)] })) });
  const body = Array.from({ length: 14 }, () => `<p>${paragraph(random, 4)}</p>`).join('\n');
  const comments = Array.from({ length: 90 }, (_, n) => `<div class="comment"><b>reader${n}</b><p>${paragraph(random, 2)}</p><button onclick="like(${n})">Like</button></div>`).join('\n');
  const ads = Array.from({ length: 6 }, (_, n) => `<div class="ad"><iframe src="https://ads.example.invalid/slot/${n}"></iframe><script>window.ads=${n}</script></div>`).join('');
  return `<!DOCTYPE html>
<!-- saved from url=(0050)https://news.example.invalid/world/${2024}/${index} -->
<html lang="en"><head><meta charset="utf-8"><title>${title} | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Staff ${index % 17}">
<meta property="article:published_time" content="2024-0${1 + (index % 9)}-1${index % 9}T08:00:00Z">
<style>${css}</style><script src="https://cdn.example.invalid/app.js"></script>
</head><body><header><nav><ul>${nav}</ul></nav></header>${ads}
<main><article><h1>${title}</h1><p class="byline">By Staff ${index % 17}</p>
<figure><img src="${tinyPngDataUri(random)}" alt="${sentence(random, 5)}"><figcaption>${sentence(random, 10)}</figcaption></figure>
${body}
<figure><img src="https://cdn.example.invalid/photo${index}.jpg" alt="remote"></figure>
</article><section class="comments">${comments}</section></main>
<footer>${nav}</footer><script>window.__STATE__=${state}</script></body></html>`;
}

/** A short record (~2 KB) for search benchmarks: title plus a body of generated sentences. */
export function shortRecord(index: number): { title: string; body: string } {
  const random = seededRandom(1_000_003 + index);
  return { title: sentence(random, 7).replace(/\.$/, ''), body: paragraph(random, 14) };
}
