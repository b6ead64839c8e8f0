'use strict';
/** Text of the content strings (names, messages, descriptions): deterministic from a seed. */
const { prng } = require('../../lib');

const LEXICON = (
  'order customer payment shipped invoice warehouse refund session token request response cache ' +
  'timeout retry upstream latency queue worker handler router middleware database query index ' +
  'table record batch stream buffer socket header cookie render template account profile address ' +
  'catalog product price discount coupon cart checkout inventory stock supplier delivery tracking ' +
  'error warning notice debug trace span metric counter gauge histogram sample event listener ' +
  'promise resolve reject callback closure context scope module import export config feature flag'
).split(' ');
const ODD_WORDS = ['caf\u00e9', 'na\u00efve', 'Z\u00fcrich', '\u4e2d\u6587', '\u0394elta', 'say "hi"', 'C:\\temp\\x', 'tab\there', 'line\nbreak', '\u0001ctl'];

/** Deterministic text of `length` characters: words, with now and then a character that needs escaping. */
function makeText(seed, length, prefix) {
  const random = prng(seed);
  const parts = [prefix];
  let total = prefix.length;
  while (total < length) {
    const r = random();
    const word =
      r < 0.015 ? ODD_WORDS[Math.floor(random() * ODD_WORDS.length)] : r < 0.1 ? (random() * 1e6).toFixed(0) : LEXICON[Math.floor(random() * LEXICON.length)];
    parts.push(' ', word);
    total += word.length + 1;
  }
  return parts.join('').slice(0, length);
}

/** Self size of a sequential string in a 64-bit V8 (no pointer compression): 16-byte header. */
function stringSize(text, logicalLength = text.length) {
  let twoByte = false;
  for (let i = 0; i < text.length && !twoByte; i++) twoByte = text.charCodeAt(i) > 0xff;
  return (16 + logicalLength * (twoByte ? 2 : 1) + 7) & ~7;
}

module.exports = { makeText, stringSize };
