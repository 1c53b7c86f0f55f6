import type { Locale } from "../../i18n/locales.js";

/**
 * Does a recommendation's title start with an infinitive verb ("Créer en son sein un comité
 * d'éthique")? The booklet's convention, checked in French, Dutch, German and English.
 *
 * These are heuristics, not grammar: no dictionary, only word endings and short lists of words
 * that look like verbs but are not. They accept every title of the 2016 booklet and refuse the
 * usual slips (an article, a noun, a conjugated verb, a gerund), but a rare title will be judged
 * wrongly either way: the interface shows the reason as a warning, and the facilitator may
 * override it (recording the override is the caller's concern).
 *
 * - French: the first word ends in -er, -ir (so -oir) or a -re of an infinitive (-dre, -ttre,
 *   -ire of dire/lire/écrire/conduire, -aître…), and is not on the list of look-alikes ("hier",
 *   "dernier", "plaisir", "cadre"…). Before it may come "ne pas", an adverb ("bien", "mieux"),
 *   and the pronoun of a pronominal verb ("se", "s'", "s'y", "s'en").
 * - Dutch and German put the infinitive last ("Een ethisch comité oprichten", "Ein Ethikkomitee
 *   gründen") or first ("Oprichten van een comité"), so either may be the verb: -en (and
 *   gaan/staan/slaan, zijn) in Dutch; -en, -ern, -eln, sein, tun in German. A German last word
 *   must be lowercase (nouns take a capital); a Dutch last word must not follow an article or a
 *   preposition ("over de kosten"). "Gründen Sie", "Laten we" are commands, not titles.
 *   Known gap: a plural noun first ("Diensten voor de leden") passes for an infinitive.
 * - English: "To create…" or a bare base verb ("Create…"). English base verbs cannot be told
 *   from nouns by their ending, so the rule refuses what is surely no base verb: an article, a
 *   pronoun, a preposition, a modal, a gerund ("Creating"), a past ("Created"), an -s form
 *   ("Creates", "Members"), a noun ending (-tion, -ity, -ness…).
 */

export type TitleProblem =
  /** No word at all. */
  | "empty"
  /** An article or a determiner comes first ("Le", "The"). */
  | "startsWithDeterminer"
  /** A subject pronoun comes first: the title is a sentence ("Nous créons", "We create"). */
  | "startsWithPronoun"
  /** An English gerund comes first ("Creating"): the base verb is wanted ("Create"). */
  | "startsWithGerund"
  /** A command in Dutch or German ("Gründen Sie", "Laten we"). */
  | "imperative"
  /** The word where the verb should be is no infinitive. */
  | "notInfinitive";

export type TitleCheck =
  | { ok: true; /** The infinitive, as written. */ verb: string }
  | { ok: false; reason: "empty" }
  | {
      ok: false;
      reason: Exclude<TitleProblem, "empty">;
      /** The word (or the two words of a command) to show in the message, as written. */
      word: string;
      /** Dutch and German: the last word, which could also have been the verb. */
      lastWord?: string;
    };

/** Checks that a title starts (or, in Dutch and German, ends) with an infinitive. */
export function checkTitle(title: string, language: Locale): TitleCheck {
  const words = wordsOf(title, language);
  if (words.length === 0) return { ok: false, reason: "empty" };
  switch (language) {
    case "fr":
      return checkFrench(words);
    case "nl":
      return checkVerbFirstOrLast(words, DUTCH);
    case "de":
      return checkVerbFirstOrLast(words, GERMAN);
    case "en":
      return checkEnglish(words);
  }
}

// ---------------------------------------------------------------------------------------------
// Words

/**
 * The words of a title: letters and digits, hyphens inside a word. An elided article or pronoun
 * keeps its apostrophe and stands alone ("S'", "ouvrir"); English keeps "don't" whole.
 */
function wordsOf(title: string, language: Locale): string[] {
  const text = title.normalize("NFC").replace(/[’ʼ]/g, "'");
  const pattern =
    language === "en"
      ? /[\p{L}\p{M}\p{N}]+(?:['-][\p{L}\p{M}\p{N}]+)*/gu
      : /[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*'?/gu;
  return text.match(pattern) ?? [];
}

function lower(word: string): string {
  return word.toLowerCase();
}

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w !== ""));
}

// ---------------------------------------------------------------------------------------------
// French

const FR_DETERMINERS = set(`
  le la les l' un une des du de d' au aux ce cet cette ces
  mon ton son ma ta sa mes tes ses notre votre leur nos vos leurs
  chaque quelque quelques plusieurs certains certaines aucun aucune toute tous toutes
  quel quelle quels quelles`);

const FR_PRONOUNS = set(`je j' tu il elle on nous vous ils elles c' ça cela ceci`);

/** May come before the infinitive: "Bien définir", "Mieux informer", "Tout mettre en œuvre". */
const FR_ADVERBS = set(`bien mieux davantage toujours encore tout`);

/** "Ne pas rendre", "Ne plus augmenter". */
const FR_NEGATIONS = set(`pas plus jamais point rien guère`);

/** The pronoun of a pronominal verb, and what may follow it: "S'ouvrir", "S'y engager". */
const FR_REFLEXIVE = set(`se s'`);
const FR_AFTER_REFLEXIVE = set(`y en`);

/** The -re endings of infinitives; other -re words ("membre", "centre", "améliore") are not. */
const FR_RE_ENDINGS = [
  "dre", // prendre, rendre, peindre, résoudre
  "ttre", // mettre, permettre, battre
  "être",
  "ître", // connaître, accroître, naître
  "aitre", // connaitre (1990 spelling)
  "oitre", // accroitre
  "dire",
  "lire", // lire, élire
  "crire", // écrire, inscrire
  "rire", // rire, sourire
  "uire", // conduire, réduire, construire
  "fire", // suffire
  "faire",
  "plaire",
  "traire", // extraire, distraire
  "croire",
  "boire",
  "ivre", // vivre, suivre, poursuivre
  "clure", // conclure, inclure
  "mpre", // rompre, interrompre
  "aincre", // vaincre, convaincre
  "clore",
];

/** Words that end like an infinitive but are none: refused. */
const FR_LOOK_ALIKES = set(`
  hier cher fier amer hiver enfer super premier dernier entier léger danger étranger
  particulier régulier financier immobilier dossier métier atelier chantier quartier
  calendrier fichier papier courrier ouvrier cahier manager leader
  désir loisir plaisir avenir saphir élixir soupir
  espoir miroir couloir trottoir comptoir tiroir terroir soir bonsoir noir mouchoir rasoir
  cadre ordre désordre poudre encadre lettre fenêtre peut-être bien-être mieux-être prêtre
  maître contremaître huître livre cuivre givre ivre contraire arbitraire délire`);

/** An infinitive by its ending: at least four letters ("être", "lire"; not "mer", "fer"). */
function isFrenchInfinitive(word: string): boolean {
  const w = lower(word);
  if (w.length < 4 || FR_LOOK_ALIKES.has(w)) return false;
  if (w.endsWith("er") || w.endsWith("ir")) return true;
  if (w === "taire") return true;
  return FR_RE_ENDINGS.some((ending) => w.endsWith(ending));
}

function checkFrench(words: readonly string[]): TitleCheck {
  const first = words[0]!;
  if (FR_DETERMINERS.has(lower(first))) return { ok: false, reason: "startsWithDeterminer", word: first };
  if (FR_PRONOUNS.has(lower(first))) return { ok: false, reason: "startsWithPronoun", word: first };
  let i = 0;
  const at = (k: number) => lower(words[k] ?? "");
  while (FR_ADVERBS.has(at(i))) i++;
  if (at(i) === "ne" && FR_NEGATIONS.has(at(i + 1))) i += 2;
  if (FR_REFLEXIVE.has(at(i))) {
    i++;
    if (FR_AFTER_REFLEXIVE.has(at(i))) i++;
  }
  const verb = words[i];
  if (verb === undefined) return { ok: false, reason: "notInfinitive", word: words[words.length - 1]! };
  return isFrenchInfinitive(verb) ? { ok: true, verb } : { ok: false, reason: "notInfinitive", word: verb };
}

// ---------------------------------------------------------------------------------------------
// Dutch and German: the infinitive first or last

interface VerbFinalRules {
  isInfinitive(word: string): boolean;
  /** Whether the last word, after the word before it, can be the infinitive. */
  canEndWithInfinitive(last: string, before: string | undefined): boolean;
  /** "zich", "sich": skipped before a first-word infinitive. */
  reflexive: string;
  /** A subject pronoun first makes the title a sentence ("Wij willen…", "Wir gründen…"). */
  subjectPronouns: ReadonlySet<string>;
  /** After an infinitive-looking first word, these make it a command ("Gründen Sie"). */
  commandPronouns: ReadonlySet<string>;
}

const NL_LOOK_ALIKES = set(`
  een geen tegen tussen binnen buiten boven beneden alleen samen even open eigen iedereen
  misschien orgaan`);

/** Before a last word, these make it a noun: "over de kosten", "voor iedereen". */
const NL_NOUN_MARKERS = set(`
  de het een geen deze die dit dat onze ons hun haar zijn mijn uw alle elke ieder iedere veel
  weinig enkele sommige beide van voor met aan over bij naar in op uit tot door tussen zonder
  tegen onder binnen buiten na`);

function isDutchInfinitive(word: string): boolean {
  const w = lower(word);
  if (w.length < 4 || NL_LOOK_ALIKES.has(w)) return false;
  return w.endsWith("en") || /(?:gaan|staan|slaan)$/.test(w) || w === "zijn";
}

const DUTCH: VerbFinalRules = {
  isInfinitive: isDutchInfinitive,
  canEndWithInfinitive: (last, before) =>
    isDutchInfinitive(last) && !(before !== undefined && NL_NOUN_MARKERS.has(lower(before))),
  reflexive: "zich",
  subjectPronouns: set(`ik jij hij wij we zij men`),
  commandPronouns: set(`we wij u jullie ze zij`),
};

const DE_LOOK_ALIKES = set(`
  einen keinen diesen jenen jeden allen vielen ihnen denen zwischen neben oben unten innen
  außen gegen wegen entgegen morgen gestern offen eigen selten trocken zusammen mitten hinten
  modern intern extern gern fern`);

/** A German word in capitals is a noun, unless the whole word is in capitals ("GRÜNDEN"). */
function startsWithCapital(word: string): boolean {
  const initial = word.charAt(0);
  return initial !== initial.toLowerCase() && word !== word.toUpperCase();
}

function isGermanInfinitive(word: string): boolean {
  const w = lower(word);
  if (w === "sein" || w === "tun") return true;
  if (w.length < 4 || DE_LOOK_ALIKES.has(w)) return false;
  return w.endsWith("en") || w.endsWith("ern") || w.endsWith("eln");
}

const GERMAN: VerbFinalRules = {
  isInfinitive: isGermanInfinitive,
  canEndWithInfinitive: (last) => isGermanInfinitive(last) && !startsWithCapital(last),
  reflexive: "sich",
  subjectPronouns: set(`ich du er wir man`),
  commandPronouns: set(`sie wir ihr`),
};

function checkVerbFirstOrLast(words: readonly string[], rules: VerbFinalRules): TitleCheck {
  const first = words[0]!;
  const second = words[1];
  const last = words[words.length - 1]!;
  if (rules.subjectPronouns.has(lower(first))) return { ok: false, reason: "startsWithPronoun", word: first };
  if (second !== undefined && rules.isInfinitive(first) && rules.commandPronouns.has(lower(second))) {
    return { ok: false, reason: "imperative", word: `${first} ${second}` };
  }
  const firstVerb = lower(first) === rules.reflexive ? second : first;
  if (firstVerb !== undefined && rules.isInfinitive(firstVerb)) return { ok: true, verb: firstVerb };
  if (words.length > 1 && rules.canEndWithInfinitive(last, words[words.length - 2])) return { ok: true, verb: last };
  return words.length > 1
    ? { ok: false, reason: "notInfinitive", word: first, lastWord: last }
    : { ok: false, reason: "notInfinitive", word: first };
}

// ---------------------------------------------------------------------------------------------
// English

const EN_DETERMINERS = set(`
  the a an this that these those my your his her its our their some any no every each all
  both many more most several few much other another such what which whose`);

const EN_PRONOUNS = set(`i you he she it we they me him us them there everyone everybody someone nobody`);

/** Prepositions, conjunctions, modals and conjugated auxiliaries: never a base verb. */
const EN_FUNCTION_WORDS = set(`
  about above across after against along among around as at before behind below beneath
  beside between beyond by despite during for from in inside into near of off on onto out
  outside over per since through throughout toward towards under until up upon via with
  within without and or but if because while when where why how although though whether so
  yet nor than can could should must will would may might shall is are was were am has had
  does did been`);

/** Frequent first words of titles that are no verbs and have no telling ending. */
const EN_NOT_VERBS = set(`new greater stronger wider fairer local national public social collective member committee`);

/** May come before the verb: "Clearly define", "Better inform", "Never raise". */
const EN_ADVERBS = set(`better also further always never not first only`);

/** Verbs that end like an adverb (-ly), a gerund (-ing), a past (-ed) or a noun (-tion). */
const EN_LY_VERBS = set(`apply supply reply rely comply multiply imply ally rally tally bully fly`);
const EN_ING_VERBS = set(`bring cling fling ring sing sling spring sting string swing wring`);
const EN_ED_VERBS = set(`embed shed wed shred`);
const EN_TION_VERBS = set(`
  mention question function sanction position commission condition partition petition caution
  audition station ration motion envision`);

function isEnglishAdverb(w: string): boolean {
  return EN_ADVERBS.has(w) || (w.length > 4 && w.endsWith("ly") && !EN_LY_VERBS.has(w));
}

function isEnglishGerund(w: string): boolean {
  return w.length >= 5 && w.endsWith("ing") && !EN_ING_VERBS.has(w);
}

function isEnglishBaseVerb(w: string): boolean {
  if (/^\d/.test(w) || EN_DETERMINERS.has(w) || EN_PRONOUNS.has(w)) return false;
  if (EN_FUNCTION_WORDS.has(w) || EN_NOT_VERBS.has(w)) return false;
  if (w.endsWith("ed") && !w.endsWith("eed") && !EN_ED_VERBS.has(w)) return false;
  if (w.endsWith("s") && !w.endsWith("ss") && w !== "focus") return false;
  if (/(?:tion|sion)$/.test(w) && !EN_TION_VERBS.has(w)) return false;
  return !/(?:ity|ness|ship|ism|cy)$/.test(w);
}

function checkEnglish(words: readonly string[]): TitleCheck {
  const first = words[0]!;
  if (EN_DETERMINERS.has(lower(first))) return { ok: false, reason: "startsWithDeterminer", word: first };
  if (EN_PRONOUNS.has(lower(first))) return { ok: false, reason: "startsWithPronoun", word: first };
  let i = lower(first) === "to" ? 1 : 0;
  while (i < words.length && isEnglishAdverb(lower(words[i]!))) i++;
  const verb = words[i];
  if (verb === undefined) return { ok: false, reason: "notInfinitive", word: words[words.length - 1]! };
  if (isEnglishGerund(lower(verb))) return { ok: false, reason: "startsWithGerund", word: verb };
  return isEnglishBaseVerb(lower(verb)) ? { ok: true, verb } : { ok: false, reason: "notInfinitive", word: verb };
}
