"""Numbers: every number in the source must be in the target, by value, however written.

A translator writes "1.2 million" as `۱۲ لاکھ` (Urdu, 12 lakh), `۱٫۲ میلیون` (Dari) or
`۱.۲ میلیونه` (Pashto); "$1.2 billion" as `ایک ارب 20 کروڑ`; "350,000" as `ساڑھے تین لاکھ`
or `۳۵۰ هزار`; "Rs5.36" as `5 روپے 36 پیسے`. So both sides are read as values: digits in any
script with `,` `٬` `،` grouping and `.` `٫` decimals (and `/` in Persian), small number
words, fractions (ساڑھے, ڈیڑھ, نیم), scale words (lakh, crore, arab, million, billion,
thousand in each language, inflected), and adjacent groups summed (1 ارب 60 کروڑ).
A source number is missing when no value in the target equals it; a number written with a
scale word the check does not know still matches by its digits (`1.2 <unknown word>`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from workbench.qa.registry import WARNING, QAFlag, flag, register
from workbench.qa.text import base_language, visible
from workbench.script import fold

NUMBER_MISSING = register(
    "number-missing", "a number in the source does not appear in the target", WARNING, "numbers"
)

THOUSAND, LAKH, MILLION, CRORE = Decimal(10**3), Decimal(10**5), Decimal(10**6), Decimal(10**7)
BILLION, KHARAB, TRILLION = Decimal(10**9), Decimal(10**11), Decimal(10**12)

# English scale words after a number in the source: 1.2 million, Rs1.5tr, $5bn, 3 lakh.
_SOURCE_SCALES = {
    "thousand": THOUSAND,
    "lakh": LAKH,
    "lac": LAKH,
    "lakhs": LAKH,
    "million": MILLION,
    "mn": MILLION,
    "m": MILLION,
    "crore": CRORE,
    "crores": CRORE,
    "billion": BILLION,
    "bn": BILLION,
    "arab": BILLION,
    "trillion": TRILLION,
    "tr": TRILLION,
    "tn": TRILLION,
}
_MONEY = re.compile(r"(?:[$£€]|Rs\.?|US\$)\s?$")
_SOURCE_NUMBER = re.compile(
    r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)(?:[\s-]?(" + "|".join(_SOURCE_SCALES) + r")\b)?",
    re.IGNORECASE,
)

# Target words, folded (script.fold: ي->ی, ك->ک, ہ->ه, ZWNJ->space). Scale words take the
# inflections the languages give them (میلیونه, میلیونو, میلیاردی, زره, زرو, لکه).
_SHARED_SCALES = {
    "ملین": MILLION,
    "میلین": MILLION,
    "میلیون": MILLION,
    "ملیون": MILLION,
    "بلین": BILLION,
    "بیلین": BILLION,
    "بلیون": BILLION,
    "بیلیون": BILLION,
    "میلیارد": BILLION,
    "ملیارد": BILLION,
    "ٹریلین": TRILLION,
    "تریلیون": TRILLION,
    "ترلیون": TRILLION,
    "ټریلیون": TRILLION,
}
_SCALES: dict[str, dict[str, Decimal]] = {
    "ur": {"هزار": THOUSAND, "لاکھ": LAKH, "کروڑ": CRORE, "ارب": BILLION, "کھرب": KHARAB},
    "fa": {"هزار": THOUSAND, "لک": LAKH, "کرور": CRORE},
    "ps": {"زر": THOUSAND, "زره": THOUSAND, "زرو": THOUSAND, "لک": LAKH, "کروړ": CRORE},
}
_SCALE_SUFFIXES = ("", "ه", "و", "ی", "ها", "ونه")

_WORDS: dict[str, dict[str, int]] = {
    "ur": {
        "ایک": 1, "دو": 2, "تین": 3, "چار": 4, "پانچ": 5, "چھ": 6, "چھے": 6, "سات": 7,
        "آٹھ": 8, "نو": 9, "دس": 10, "گیاره": 11, "باره": 12, "تیره": 13, "چوده": 14,
        "پندره": 15, "سوله": 16, "ستره": 17, "اٹھاره": 18, "انیس": 19, "بیس": 20,
        "پچیس": 25, "تیس": 30, "چالیس": 40, "پچاس": 50, "ساٹھ": 60, "نوے": 90,
    },
    "fa": {
        "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8,
        "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15,
        "شانزده": 16, "هفده": 17, "هجده": 18, "هژده": 18, "نوزده": 19, "بیست": 20,
        "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90,
        "صد": 100,
    },
    "ps": {
        "یو": 1, "یوه": 1, "دوه": 2, "دوو": 2, "درې": 3, "دری": 3, "دریو": 3, "درېیو": 3,
        "څلور": 4, "څلورو": 4, "پنځه": 5, "پنځو": 5, "شپږ": 6, "شپږو": 6, "اووه": 7,
        "اوه": 7, "اوو": 7, "اته": 8, "اتو": 8, "نهه": 9, "نهو": 9, "لس": 10, "لسو": 10,
        "یوولس": 11, "دولس": 12, "دیارلس": 13, "څوارلس": 14, "پنځلس": 15, "شپاړس": 16,
        "اوولس": 17, "اتلس": 18, "نولس": 19, "شل": 20, "شلو": 20, "دېرش": 30, "دیرش": 30,
        "څلوېښت": 40, "پنځوس": 50, "شپېته": 60, "اویا": 70, "اتیا": 80, "سل": 100, "سلو": 100,
    },
}  # fmt: skip
# Urdu fractions: ساڑھے تین = 3.5, سوا دو = 2.25, پونے دو = 1.75, ڈیڑھ = 1.5, ڈھائی = 2.5.
_FRACTION_PREFIXES = {"ساڑھے": Decimal("0.5"), "سوا": Decimal("0.25"), "پونے": Decimal("-0.25")}
_FRACTION_WORDS = {"ڈیڑھ": Decimal("1.5"), "ڈھائی": Decimal("2.5")}
_HALF = "نیم"  # Dari/Pashto: یک و نیم میلیون, یو نیم = 1.5
_CONNECTORS = {"و", "اور"}  # allowed between the groups of one number: 1 ارب و 600 میلیون
_SUBUNITS = {("روپے", "پیسے"): Decimal("0.01"), ("روپیه", "پیسه"): Decimal("0.01")}

_TOKEN = r"\d+(?:(?:[,٬]|،(?=\d{3}(?!\d)))\d{3})*(?:[.٫]\d+)?|[^\W\d_]+"
_TOKENS = {
    "fa": re.compile(_TOKEN.replace("[.٫]", "[.٫/]")),  # Persian also writes ۲/۵ for 2.5
    None: re.compile(_TOKEN),
}


@dataclass(frozen=True)
class _Token:
    text: str
    number: Decimal | None  # digits or a number word
    scale: Decimal | None


@dataclass
class TargetNumbers:
    """How a target's numbers can be read: `values` every reading (each number, each scaled
    group, each sum of groups); `bare` the numbers written without a scale word."""

    values: Counter[Decimal] = field(default_factory=Counter)
    bare: Counter[Decimal] = field(default_factory=Counter)

    def take(self, value: Decimal, digits: Decimal) -> bool:
        """Use up one reading of `value`, or of the source's `digits` written bare when the
        source had a scale word; False if the target has neither left."""
        wanted = value if self.values[value] > 0 else digits
        if self.values[wanted] <= 0 or (wanted != value and self.bare[wanted] <= 0):
            return False
        self.values[wanted] -= 1
        if self.bare[wanted] > 0:
            self.bare[wanted] -= 1
        return True


def source_numbers(source: str) -> list[tuple[str, Decimal, Decimal]]:
    """(as written, value, digits) per number in an English source: `1.2 million` ->
    ("1.2 million", 1200000, 1.2)."""
    found = []
    text = visible(source)
    for match in _SOURCE_NUMBER.finditer(text):
        digits = Decimal(match.group(1).replace(",", ""))
        scale = _SOURCE_SCALES[match.group(2).lower()] if match.group(2) else Decimal(1)
        if (
            match.group(2)
            and match.group(2).lower() == "m"
            and not _MONEY.search(text[: match.start()])
        ):
            scale = Decimal(1)  # 20m is twenty metres; $5m and Rs5m are money in millions
        found.append((match.group(0).strip(), digits * scale, digits))
    return found


def target_numbers(target: str, tgt: str | None = None) -> TargetNumbers:
    """Every value the target can be read as (see `TargetNumbers`)."""
    lang = base_language(tgt) if tgt else None
    pattern = _TOKENS.get(lang, _TOKENS[None])
    # fold() also turns Arabic-Indic and Extended Arabic-Indic digits into ASCII ones.
    tokens = [_token(m.group(0), lang) for m in pattern.finditer(fold(target))]
    found = TargetNumbers()
    groups: list[tuple[Decimal, Decimal] | None] = []  # (value, scale); None breaks a run
    i = 0
    while i < len(tokens):
        start = tokens[i]
        number, i = _read_number(tokens, i)
        if number is None:
            if start.scale is not None:  # a bare scale word: ہزار افراد = 1000
                found.values[start.scale] += 1
                groups.append((start.scale, start.scale))
            elif start.text not in _CONNECTORS:
                groups.append(None)
            i += 1
            continue
        scale = Decimal(1)
        while i < len(tokens) and tokens[i].scale is not None:
            scale *= tokens[i].scale
            i += 1
        found.values[number * scale] += 1
        if scale == 1:
            found.bare[number] += 1
            if "/" in start.text:  # ۱۴۰۳/۵ may be part of a date, too
                for part in start.text.split("/"):
                    found.values[_digits_value(part)] += 1
        groups.append((number * scale, scale))
        subunit = _subunit(tokens, i)
        if subunit is not None:  # 5 روپے 36 پیسے = 5.36
            found.values[number + subunit] += 1
    for total in _sums(groups):
        found.values[total] += 1
    return found


def check_numbers(source: str, target: str, tgt: str | None = None) -> list[QAFlag]:
    """A flag naming the source numbers no reading of the target accounts for."""
    wanted = source_numbers(source)
    if not wanted:
        return []
    available = target_numbers(target, tgt)
    missing = [written for written, value, digits in wanted if not available.take(value, digits)]
    if not missing:
        return []
    listed = ", ".join(missing)
    return [flag(NUMBER_MISSING, f"number(s) {listed} from the source are not in the target")]


def _subunit(tokens: list[_Token], i: int) -> Decimal | None:
    """The paise after `روپے` at token i, as a fraction of a rupee, or None."""
    if i + 2 >= len(tokens) or tokens[i + 1].number is None:
        return None
    per_unit = _SUBUNITS.get((tokens[i].text, tokens[i + 2].text))
    return tokens[i + 1].number * per_unit if per_unit is not None else None


def _token(text: str, lang: str | None) -> _Token:
    if text[0].isdigit():
        return _Token(text, _digits_value(text), None)
    number, scale = _lexicon(lang).get(text, (None, None))
    return _Token(text, number, scale)


@lru_cache(maxsize=8)
def _lexicon(lang: str | None) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Every number or scale word form of a language (all languages for None):
    word -> (number, scale)."""
    languages = [lang] if lang in _WORDS else list(_WORDS)
    scales: dict[str, Decimal] = {}
    for suffix in _SCALE_SUFFIXES:
        for table in [_SHARED_SCALES, *(_SCALES[x] for x in languages)]:
            for stem, value in table.items():
                scales.setdefault(stem + suffix, value)
    numbers = {word: Decimal(n) for x in reversed(languages) for word, n in _WORDS[x].items()}
    if "ur" in languages:
        numbers.update(_FRACTION_WORDS)
    return {word: (numbers.get(word), scales.get(word)) for word in {*scales, *numbers}}


def _digits_value(text: str) -> Decimal:
    text = text.replace("٫", ".").replace("/", ".")
    return Decimal(re.sub("[,٬،]", "", text))


def _read_number(tokens: list[_Token], i: int) -> tuple[Decimal | None, int]:
    """The number starting at token i (with a fraction prefix or a following half), and
    the index after it; (None, i) when token i starts no number."""
    token = tokens[i]
    offset = Decimal(0)
    if token.text in _FRACTION_PREFIXES and i + 1 < len(tokens) and tokens[i + 1].number:
        offset = _FRACTION_PREFIXES[token.text]
        i += 1
        token = tokens[i]
    if token.number is None:
        return None, i
    number = token.number + offset
    i += 1
    if i < len(tokens) and tokens[i].text == _HALF:
        return number + Decimal("0.5"), i + 1
    if i + 1 < len(tokens) and tokens[i].text == "و" and tokens[i + 1].text == _HALF:
        return number + Decimal("0.5"), i + 2
    return number, i


def _sums(groups: list[tuple[Decimal, Decimal] | None]) -> list[Decimal]:
    """Sums of adjacent groups with falling scales: 2 کروڑ 37 لاکھ, 1 ارب و 600 میلیون."""
    totals = []
    run: list[tuple[Decimal, Decimal]] = []
    for group in [*groups, None]:
        if group is not None and run and group[1] < run[-1][1]:
            run.append(group)
            continue
        if len(run) > 1:
            totals.append(sum(value for value, _ in run))
        run = [group] if group is not None and group[1] > 1 else []
    return totals
