"""Registry of issuer codes (机关代字), regions and order prefixes.

The data lives in ``data/issuer_codes.json`` (see ``data/README.md`` for the
schema and sources).  This module loads it into an immutable :class:`Registry`
and answers the questions the number extractor and the knowledge graph ask:

* where does the issuer code of ``根据云医保〔2019〕45号`` start?
  (:meth:`Registry.longest_known_suffix`, :meth:`Registry.starts_like_code`,
  :meth:`Registry.boundary_words`);
* who issued it and at which administrative level
  (:meth:`Registry.code`, :meth:`Registry.region_of_code`,
  :meth:`Registry.admin_level`, :meth:`Registry.order_issuer`);
* which bodies are named in a joint-issuer string (:func:`split_joint_issuers`).

Nothing here is mutable: the registry is built once from the JSON file
(:func:`load_registry` is cached) and every index is a tuple, a frozenset or a
read-only mapping.  ``python -m extractors.registry`` checks the data file and
``python -m extractors.registry --format`` rewrites it in canonical form.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

__all__ = [
    "LEVELS",
    "DATA_PATH",
    "Region",
    "Place",
    "Agency",
    "IssuerCode",
    "OrderPrefix",
    "BoundaryWord",
    "Registry",
    "load_registry",
    "split_joint_issuers",
    "validate_data",
    "format_data",
    "EXAMPLE_RE",
]

DATA_PATH = Path(__file__).resolve().parent / "data" / "issuer_codes.json"
COUNTY_NAMES_PATH = Path(__file__).resolve().parent / "data" / "county_names.txt"

#: Administrative levels, most central first.
LEVELS = ("central", "provincial", "prefecture", "county")
_RANK = {level: i for i, level in enumerate(LEVELS)}

#: A document number in canonical form: code, year in 〔〕, serial, 号.
EXAMPLE_RE = re.compile(r"^(?P<code>[\u3400-\u9fff]+)〔(?P<year>(?:19|20)\d\d)〕(?P<serial>[1-9]\d{0,4})号$")

_CJK_ONLY = re.compile(r"^[\u3400-\u9fff]+$")
_WS = re.compile(r"\s+")
_MEMO_LIMIT = 16384  # names remembered per registry by admin_level


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Region:
    """A region abbreviation used at the start of issuer codes (``云`` → 云南省)."""

    abbr: str
    name: str
    level: str
    parent: str | None = None
    #: The character that follows the abbreviation in this body's own government
    #: codes (``政`` in 云政发, ``府`` in 赣府发); used to tell apart regions that
    #: share an abbreviation (吉林省 吉政发 / 吉安市 吉府发).
    gov: str | None = None
    #: ``attested``: a code using it was seen in real text; ``customary``: the usual
    #: abbreviation, not checked against a real number here.
    confidence: str = "customary"
    note: str | None = None


@dataclass(frozen=True)
class Place:
    """An administrative division with its level (used by :meth:`Registry.admin_level`)."""

    name: str
    level: str
    parent: str | None = None
    #: Short form of a province-level name (云南, 广西, 内蒙古) for branch offices
    #: such as 国家统计局云南调查总队.
    short: str | None = None


@dataclass(frozen=True)
class Agency:
    """An agency abbreviation found inside codes (``医保`` → 医疗保障局)."""

    abbr: str
    name: str
    #: True when the abbreviation starts central codes on its own (财预, 民发, 发改能源).
    central: bool = False


@dataclass(frozen=True)
class IssuerCode:
    code: str
    issuer: str
    level: str
    region: str | None
    examples: tuple[str, ...] = ()
    #: ``fixture``: occurs in this project's test texts; ``public-text``: seen in
    #: real public text; ``knowledge``: a standard code form, no number checked here.
    source: str = "knowledge"
    note: str | None = None


@dataclass(frozen=True)
class OrderPrefix:
    """The part of an order / announcement number before 第N号 (``国务院令``)."""

    prefix: str
    issuer: str
    level: str
    note: str | None = None


@dataclass(frozen=True)
class BoundaryWord:
    word: str
    reason: str


# --------------------------------------------------------------------------- data file format

_TOP_KEYS = (
    "version",
    "regions",
    "places",
    "agencies",
    "codes",
    "ambiguous_codes",
    "orders",
    "central_bodies",
    "branch_systems",
    "boundary_words",
)
# key order inside entries; keys marked optional are dropped when None/False/default
_ENTRY_KEYS: dict[str, tuple[tuple[str, bool], ...]] = {
    "regions": (("abbr", False), ("name", False), ("level", False), ("parent", True), ("gov", True),
                ("confidence", False), ("note", True)),
    "places": (("name", False), ("level", False), ("parent", True), ("short", True)),
    "agencies": (("abbr", False), ("name", False), ("central", True)),
    "codes": (("code", False), ("issuer", False), ("level", False), ("region", False), ("examples", False),
              ("source", False), ("note", True)),
    "ambiguous_codes": (("code", False), ("candidates", False), ("note", True)),
    "orders": (("prefix", False), ("issuer", False), ("level", False), ("note", True)),
    "boundary_words": (("word", False), ("reason", False)),
}
_CANDIDATE_KEYS = (("issuer", False), ("level", False), ("region", False))


def _rank(level: Any) -> int:
    return _RANK.get(level, len(LEVELS))


_SORT_KEYS = {
    "regions": lambda e: (_rank(e.get("level")), e.get("parent") or "", e.get("name", ""), e.get("abbr", "")),
    "places": lambda e: (_rank(e.get("level")), e.get("parent") or "", e.get("name", "")),
    "agencies": lambda e: e.get("abbr", ""),
    "codes": lambda e: (_rank(e.get("level")), e.get("region") or "", e.get("code", "")),
    "ambiguous_codes": lambda e: e.get("code", ""),
    "orders": lambda e: (_rank(e.get("level")), e.get("prefix", "")),
    "boundary_words": lambda e: (-len(e.get("word", "")), e.get("word", "")),
}


def _ordered(entry: Mapping[str, Any], keys: tuple[tuple[str, bool], ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, optional in keys:
        value = entry.get(key)
        if optional and (value is None or value is False):
            continue
        out[key] = value
    extra = sorted(set(entry) - {k for k, _ in keys})
    for key in extra:  # unknown keys are kept (validate_data reports them)
        out[key] = entry[key]
    return out


def format_data(data: Mapping[str, Any]) -> str:
    """The canonical text of a registry data file: fixed key order, every list
    sorted deterministically, one entry per line, UTF-8 characters unescaped."""
    lines = ["{"]
    keys = [k for k in _TOP_KEYS if k in data] + sorted(set(data) - set(_TOP_KEYS))
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        value = data[key]
        if not isinstance(value, list):
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
            continue
        if key in _ENTRY_KEYS:
            items = []
            for e in sorted(value, key=_SORT_KEYS[key]):
                e = _ordered(e, _ENTRY_KEYS[key])
                if key == "ambiguous_codes":
                    e["candidates"] = [_ordered(c, _CANDIDATE_KEYS) for c in e.get("candidates", [])]
                items.append(e)
        else:
            items = sorted(value)
        if not items:
            lines.append(f"  {json.dumps(key)}: []{comma}")
            continue
        lines.append(f"  {json.dumps(key)}: [")
        for j, item in enumerate(items):
            sep = "," if j < len(items) - 1 else ""
            lines.append(f"    {json.dumps(item, ensure_ascii=False)}{sep}")
        lines.append(f"  ]{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def validate_data(data: Mapping[str, Any]) -> list[str]:
    """Return a list of problems with registry data (empty when it is sound)."""
    errors: list[str] = []
    err = errors.append
    if data.get("version") != 1:
        err("version must be 1")
    for key in _TOP_KEYS:
        if key not in data:
            err(f"missing top-level key {key!r}")
    for key in set(data) - set(_TOP_KEYS):
        err(f"unknown top-level key {key!r}")
    for key, spec in _ENTRY_KEYS.items():
        allowed = {k for k, _ in spec}
        for e in data.get(key, []):
            for k in set(e) - allowed:
                err(f"{key}: unknown field {k!r} in {e}")
            for k, optional in spec:
                if not optional and k not in e:
                    err(f"{key}: missing field {k!r} in {e}")

    places = {p.get("name"): p for p in data.get("places", [])}
    if len(places) != len(data.get("places", [])):
        err("places: duplicate names")
    for p in data.get("places", []):
        if p.get("level") not in LEVELS[1:]:
            err(f"places: bad level in {p}")
        if p.get("parent") is not None and p["parent"] not in places:
            err(f"places: unknown parent in {p}")
        if p.get("level") == "provincial" and p.get("parent") is not None:
            err(f"places: a province has no parent: {p}")
        if p.get("level") != "provincial" and p.get("parent") is None:
            err(f"places: missing parent in {p}")

    seen_regions = set()
    for r in data.get("regions", []):
        abbr = r.get("abbr", "")
        if not _CJK_ONLY.match(abbr or ""):
            err(f"regions: abbreviation must be CJK: {r}")
        place = places.get(r.get("name"))
        if place is None:
            err(f"regions: name is not a known place: {r}")
        elif place.get("level") != r.get("level") or place.get("parent") != r.get("parent"):
            err(f"regions: level/parent disagree with places: {r}")
        if r.get("gov") not in (None, "政", "府"):
            err(f"regions: gov must be 政 or 府: {r}")
        if r.get("confidence") not in ("attested", "customary"):
            err(f"regions: bad confidence: {r}")
        if (abbr, r.get("name")) in seen_regions:
            err(f"regions: duplicate {r}")
        seen_regions.add((abbr, r.get("name")))

    for a in data.get("agencies", []):
        if not _CJK_ONLY.match(a.get("abbr") or ""):
            err(f"agencies: abbreviation must be CJK: {a}")

    def check_issuer(where: str, code: str, e: Mapping[str, Any]) -> None:
        if e.get("level") not in LEVELS:
            err(f"{where}: bad level {e}")
        region = e.get("region")
        if e.get("level") == "central":
            if region is not None:
                err(f"{where}: a central code has no region: {code}")
        elif region not in places:
            err(f"{where}: region is not a known place: {code} {region!r}")
        elif places[region].get("level") != e.get("level"):
            err(f"{where}: level disagrees with its region: {code}")
        if not e.get("issuer"):
            err(f"{where}: missing issuer for {code}")

    codes_seen: set[str] = set()
    for e in data.get("codes", []):
        code = e.get("code") or ""
        if not _CJK_ONLY.match(code):
            err(f"codes: code must be CJK characters only: {code!r}")
        if code in codes_seen:
            err(f"codes: duplicate code {code}")
        codes_seen.add(code)
        check_issuer("codes", code, e)
        if e.get("source") not in ("fixture", "public-text", "knowledge"):
            err(f"codes: bad source for {code}")
        examples = e.get("examples")
        if not isinstance(examples, list):
            err(f"codes: examples must be a list: {code}")
            continue
        for ex in examples:
            m = EXAMPLE_RE.match(ex)
            if not m or m.group("code") != code:
                err(f"codes: example {ex!r} does not parse as {code}〔YYYY〕N号")
        if e.get("source") == "fixture" and not examples:
            err(f"codes: a fixture code needs its example: {code}")
        if e.get("source") == "knowledge" and examples:
            err(f"codes: a knowledge code has no examples (a seen number makes it public-text): {code}")
    for e in data.get("ambiguous_codes", []):
        code = e.get("code") or ""
        if not _CJK_ONLY.match(code):
            err(f"ambiguous_codes: code must be CJK: {code!r}")
        if code in codes_seen:
            err(f"ambiguous_codes: {code} is also in codes")
        codes_seen.add(code)
        cands = e.get("candidates") or []
        if len(cands) < 2:
            err(f"ambiguous_codes: {code} needs two or more candidates")
        for c in cands:
            check_issuer("ambiguous_codes", code, c)

    prefixes = set()
    for o in data.get("orders", []):
        p = o.get("prefix") or ""
        if not _CJK_ONLY.match(p) or not p.endswith(("令", "公告")):
            err(f"orders: prefix must be CJK and end with 令 or 公告: {p!r}")
        if p in prefixes:
            err(f"orders: duplicate prefix {p}")
        prefixes.add(p)
        if o.get("level") not in LEVELS:
            err(f"orders: bad level {o}")

    words = [b.get("word", "") for b in data.get("boundary_words", [])]
    if len(set(words)) != len(words):
        err("boundary_words: duplicates")
    abbrs = {r.get("abbr") for r in data.get("regions", [])} | {a.get("abbr") for a in data.get("agencies", [])}
    for b in data.get("boundary_words", []):
        w = b.get("word") or ""
        if not w or not b.get("reason"):
            err(f"boundary_words: word and reason required: {b}")
        for code in codes_seen:
            if w in code:
                err(f"boundary_words: {w!r} occurs inside the code {code}")
        if w in abbrs:
            err(f"boundary_words: {w!r} is also an abbreviation")
    return errors


# --------------------------------------------------------------------------- registry

# Suffixes that end a complete organisation name (longest first is not needed:
# endswith is tested against each).
_ORG_SUFFIXES = (
    "人民政府", "政府", "办公厅", "办公室", "委员会", "常委会", "管委会", "领导小组", "指挥部", "中心",
    "法院", "检察院", "局", "厅", "部", "委", "院", "署", "司", "处", "办", "会", "室", "队", "站",
    "所", "行", "社", "团", "联", "府",
)
# Words that begin an organisation name (besides place names and central bodies).
_ORG_STARTS = ("国家", "国务院", "中共", "中国共产党", "中国", "中华人民共和国", "全国", "最高", "中央", "共青团")
_CENTRAL_NAME_PREFIXES = (
    "国务院", "中共中央", "中国共产党中央", "中央", "全国人民代表大会", "全国人大", "全国政协",
    "中国人民政治协商会议全国委员会", "最高人民法院", "最高人民检察院", "中华人民共和国", "国家", "共青团中央",
    "中华全国", "全国总工会", "全国妇联", "中国人民银行", "中国证券监督管理委员会", "中国银行保险监督管理委员会",
    "中国证监会", "中国银保监会", "海关总署", "审计署",
)
_CENTRAL_TAIL = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:部|总局|总署)")
# An unknown place name followed by its kind: 秀山土家族苗族自治县, 石城县, 楚雄州, 红塔区
# (used with .match(s, pos), so no ^).
_PLACE_RULE = re.compile(r"([\u4e00-\u9fff]{1,10}?)(自治区|自治县|自治旗|自治州|县|旗|林区|新区|区|地区|盟|州|市)")
_RULE_LEVEL = {
    "自治区": "provincial", "自治县": "county", "自治旗": "county", "县": "county", "旗": "county", "林区": "county",
    "新区": "county", "区": "county", "自治州": "prefecture", "地区": "prefecture", "盟": "prefecture",
    "州": "prefecture", "市": None,
}
# what never occurs in the name part of a place but does in organ names
_NOT_PLACE_NAME = re.compile(
    r"[局厅委部办院司处科室所站队府社园校医]|人民|政府|委员|办公|管理|监督|发展|改革|经济|工作|服务|中心|开发|高新|保税|示范|工业"
)
# How the name of a prefecture-level division ends, and the peoples named in the names of
# autonomous prefectures: 恩施土家族苗族自治州 → 恩施, 锡林郭勒盟 → 锡林郭勒 (Registry.place_heads_at).
_PLACE_SUFFIX = re.compile(r"(?:自治州|地区|盟|市|州)$")
_ETHNIC_TAIL = re.compile(r"(?:土家族|布依族|朝鲜族|哈尼族|景颇族|傈僳族|柯尔克孜|哈萨克|蒙古族|蒙古|白族|傣族|壮族|苗族|彝族|藏族|羌族|回族|侗族)$")
# The characters that end the name of a division and stand for it after the place's initial
# inside a code (高区 of 高昌区, 昌州 of 昌吉回族自治州): Registry.abbreviates_division.
_DIVISION_LEVEL_CHARS = frozenset("州市县区盟旗")
_ETC_TAIL = re.compile(r"等(?:[0-9０-９一二两三四五六七八九十]{1,3}个?)?(?:部委|部门|单位|机关|委办局|家单位)$")
_JOINT_SEP = re.compile(r"[\s_、，,；;／/]+")
_CONJUNCTIONS = ("以及", "和", "与", "及")
_TERM = re.compile(r"第[0-9０-９一二三四五六七八九十百零〇]+届")


def _more_local(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _RANK[a] >= _RANK[b] else b


@dataclass(frozen=True, eq=False, repr=False)
class Registry:
    """Immutable view of the registry data.  Build it with :func:`load_registry`
    or :meth:`Registry.from_data`."""

    _codes: Mapping[str, IssuerCode]
    _ambiguous: Mapping[str, tuple[IssuerCode, ...]]
    _known: frozenset[str]
    _max_code_len: int
    _regions: tuple[Region, ...]
    _regions_by_abbr: Mapping[str, tuple[Region, ...]]
    _regions_by_name: Mapping[str, tuple[Region, ...]]
    _abbr_lens: tuple[int, ...]
    _places: Mapping[str, Place]
    _places_by_first: Mapping[str, tuple[Place, ...]]
    _short_by_first: Mapping[str, tuple[tuple[str, Place], ...]]
    _agencies: tuple[Agency, ...]
    _prefixes: frozenset[str]
    _max_prefix_len: int
    _orders: Mapping[str, OrderPrefix]
    _central_bodies: tuple[str, ...]
    _branch_systems: tuple[str, ...]
    _boundary: tuple[BoundaryWord, ...]

    def __repr__(self) -> str:
        return (f"<Registry {len(self._codes)} codes (+{len(self._ambiguous)} ambiguous), "
                f"{len(self._regions)} regions, {len(self._places)} places, {len(self._orders)} orders, "
                f"{len(self._boundary)} boundary words>")

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> "Registry":
        errors = validate_data(data)
        if errors:
            raise ValueError("invalid registry data:\n  " + "\n  ".join(errors[:20]))

        codes = {
            e["code"]: IssuerCode(
                code=e["code"], issuer=e["issuer"], level=e["level"], region=e["region"],
                examples=tuple(e["examples"]), source=e["source"], note=e.get("note"),
            )
            for e in data["codes"]
        }
        ambiguous = {
            e["code"]: tuple(
                IssuerCode(code=e["code"], issuer=c["issuer"], level=c["level"], region=c["region"],
                           source="knowledge", note=e.get("note"))
                for c in e["candidates"]
            )
            for e in data["ambiguous_codes"]
        }
        known = frozenset(codes) | frozenset(ambiguous)

        regions = tuple(
            Region(abbr=r["abbr"], name=r["name"], level=r["level"], parent=r.get("parent"), gov=r.get("gov"),
                   confidence=r["confidence"], note=r.get("note"))
            for r in data["regions"]
        )
        by_abbr: dict[str, list[Region]] = {}
        by_name: dict[str, list[Region]] = {}
        for r in regions:
            by_abbr.setdefault(r.abbr, []).append(r)
            by_name.setdefault(r.name, []).append(r)

        places = {
            p["name"]: Place(name=p["name"], level=p["level"], parent=p.get("parent"), short=p.get("short"))
            for p in data["places"]
        }
        first: dict[str, list[Place]] = {}
        short_first: dict[str, list[tuple[str, Place]]] = {}
        for p in places.values():
            first.setdefault(p.name[0], []).append(p)
            shorts = {p.short} if p.short else set()
            if p.level == "prefecture" and p.name.endswith("市") and len(p.name) >= 3:
                shorts.add(p.name[:-1])
            for s in shorts:
                short_first.setdefault(s[0], []).append((s, p))

        agencies = tuple(Agency(abbr=a["abbr"], name=a["name"], central=bool(a.get("central"))) for a in data["agencies"])
        prefixes = frozenset(by_abbr) | frozenset(a.abbr for a in agencies) | known

        orders = {o["prefix"]: OrderPrefix(prefix=o["prefix"], issuer=o["issuer"], level=o["level"], note=o.get("note"))
                  for o in data["orders"]}
        boundary = tuple(
            BoundaryWord(word=b["word"], reason=b["reason"])
            for b in sorted(data["boundary_words"], key=_SORT_KEYS["boundary_words"])
        )
        freeze = MappingProxyType
        return cls(
            _codes=freeze(codes),
            _ambiguous=freeze(ambiguous),
            _known=known,
            _max_code_len=max((len(c) for c in known), default=0),
            _regions=regions,
            _regions_by_abbr=freeze({k: tuple(v) for k, v in by_abbr.items()}),
            _regions_by_name=freeze({k: tuple(v) for k, v in by_name.items()}),
            _abbr_lens=tuple(sorted({len(a) for a in by_abbr}, reverse=True)),
            _places=freeze(places),
            _places_by_first=freeze({k: tuple(sorted(v, key=lambda p: -len(p.name))) for k, v in first.items()}),
            _short_by_first=freeze({k: tuple(sorted(v, key=lambda sp: -len(sp[0]))) for k, v in short_first.items()}),
            _agencies=agencies,
            _prefixes=prefixes,
            _max_prefix_len=max((len(p) for p in prefixes), default=0),
            _orders=freeze(orders),
            _central_bodies=tuple(sorted(set(data["central_bodies"]), key=lambda s: (-len(s), s))),
            _branch_systems=tuple(sorted(set(data["branch_systems"]), key=lambda s: (-len(s), s))),
            _boundary=boundary,
        )

    # ------------------------------------------------------------------ listing

    def codes(self) -> tuple[IssuerCode, ...]:
        """Every registered (unambiguous) code."""
        return tuple(self._codes.values())

    def regions(self) -> tuple[Region, ...]:
        return self._regions

    def agencies(self) -> tuple[Agency, ...]:
        return self._agencies

    def orders(self) -> tuple[OrderPrefix, ...]:
        return tuple(self._orders.values())

    def boundary_words(self) -> tuple[str, ...]:
        """Words that stand left of a number and are never part of a code, longest first."""
        return self._boundary_words

    @cached_property
    def _boundary_words(self) -> tuple[str, ...]:
        return tuple(b.word for b in self._boundary)

    def boundary_word_reasons(self) -> tuple[BoundaryWord, ...]:
        return self._boundary

    def central_bodies(self) -> tuple[str, ...]:
        return self._central_bodies

    # ------------------------------------------------------------------ codes

    def code(self, code: str) -> IssuerCode | None:
        """The registered code, or None (also None for an ambiguous code)."""
        return self._codes.get(code)

    def ambiguous(self, code: str) -> tuple[IssuerCode, ...]:
        """The candidate issuers of a code that several bodies use (宁政发)."""
        return self._ambiguous.get(code, ())

    def is_known(self, code: str) -> bool:
        """True for registered and for ambiguous codes."""
        return code in self._known

    def longest_known_suffix(self, run: str) -> str | None:
        """The longest known code (registered or ambiguous) that ends ``run``.

        ``根据云医保`` → ``云医保``.  Note that a central code can be the tail of a
        longer local code that is not registered (``曲医保发`` → ``医保发``): the
        caller should still look at what stands left of the match.
        """
        run = _WS.sub("", run)
        for n in range(min(len(run), self._max_code_len), 0, -1):
            if run[-n:] in self._known:
                return run[-n:]
        return None

    def may_abbreviate_place(self, s: str) -> bool:
        """True when ``s`` (one or two characters) can begin a place's name: the first
        character of a province, prefecture or county-level city (宜 of 宜宾市), or the first
        two of any county-level division (历城 of 历城区, from ``data/county_names.txt``).

        Single characters are not taken from the ~3,000 counties and districts: almost
        every character begins one of them."""
        if len(s) == 1:
            return s in self._place_initials[0]
        return len(s) == 2 and s in self._place_initials[1]

    @cached_property
    def _place_initials(self) -> tuple[frozenset[str], frozenset[str]]:
        names = list(self._places)
        with open(COUNTY_NAMES_PATH, encoding="utf-8") as f:
            counties = [line.strip() for line in f if line.strip() and not line.startswith("#")]
        ones = frozenset(n[0] for n in names) | frozenset(r.abbr for r in self._regions if len(r.abbr) == 1)
        twos = frozenset(n[:2] for n in names + counties if len(n) > 2)
        return ones, twos

    def starts_like_agency(self, s: str) -> bool:
        """True when ``s`` begins with an agency abbreviation (医保, 财, 自然资) or a known code,
        not merely with a region abbreviation."""
        agencies = self._agency_prefixes
        return any(s[:n] in agencies or s[:n] in self._known for n in range(1, min(len(s), self._max_prefix_len) + 1))

    @cached_property
    def _agency_prefixes(self) -> frozenset[str]:
        return frozenset(a.abbr for a in self._agencies)

    def code_prefix_len(self, s: str) -> int:
        """The length of the longest region abbreviation, agency abbreviation or known code
        that begins ``s`` (0 when ``s`` does not start like a code)."""
        s = _WS.sub("", s)
        return max((n for n in range(1, min(len(s), self._max_prefix_len) + 1) if s[:n] in self._prefixes), default=0)

    def is_region_abbr(self, s: str) -> bool:
        """True when ``s`` is a registered region abbreviation (云, 澄, 内蒙)."""
        return s in self._regions_by_abbr

    def starts_with_region(self, s: str) -> bool:
        """True when ``s`` begins with a registered region abbreviation (浙政发, 内蒙…)."""
        return any(s[:n] in self._regions_by_abbr for n in self._abbr_lens if len(s) > n)

    def is_provincial_abbr(self, s: str) -> bool:
        """True when ``s`` is the registered abbreviation of a provincial-level division (皖, 桂)."""
        return any(r.level == "provincial" for r in self._regions_by_abbr.get(s, ()))

    def place_heads_at(self, s: str, i: int = 0) -> tuple[int, ...]:
        """The lengths, longest first, of the place heads that start ``s`` at ``i``.

        A place head is how a local code names its place: a registered region
        abbreviation (云, 澄), the first character of a province, prefecture or
        county-level city (咸 of 咸阳市), the short name of a prefecture-level division
        (鄂州, 恩施 of 恩施土家族苗族自治州, 大兴安岭 of 大兴安岭地区, 锡林郭勒) or the first two
        characters of a county-level division (黔江 of 黔江区).  All of them come from
        ``places``, ``regions`` and ``data/county_names.txt``; each length is one set
        lookup."""
        heads = self._place_heads
        return tuple(n for n in (4, 3, 2, 1) if s[i:i + n] in heads and len(s) - i >= n)

    @cached_property
    def _place_heads(self) -> frozenset[str]:
        ones, twos = self._place_initials
        shorts = set()
        for p in self._places.values():
            if p.level != "prefecture":
                continue
            name = _PLACE_SUFFIX.sub("", p.name)
            while True:
                stripped = _ETHNIC_TAIL.sub("", name)
                if stripped == name or len(stripped) < 2:
                    break
                name = stripped
            if 2 <= len(name) <= 4:
                shorts.add(name)
        return frozenset(ones) | frozenset(twos) | frozenset(shorts) | frozenset(r.abbr for r in self._regions)

    def head_names_level(self, head: str, level_char: str) -> bool:
        """True when the place head ``head`` can stand for a place whose name ends with
        ``level_char`` (州, 市, 县, 区, 盟, 旗): 恩施 + 州 (恩施土家族苗族自治州), 锡 + 盟
        (锡林郭勒盟), 黔江 + 区 (黔江区).  A one-character head is read, as in
        :meth:`place_heads_at`, only from provinces, prefectures and county-level cities
        (老 of 老河口市 names no 区); a registered region abbreviation stands for its
        region whatever follows it."""
        if head in self._regions_by_abbr:
            return True
        return (head, level_char) in self._head_endings

    @cached_property
    def _head_endings(self) -> frozenset[tuple[str, str]]:
        with open(COUNTY_NAMES_PATH, encoding="utf-8") as f:
            counties = [line.strip() for line in f if line.strip() and not line.startswith("#")]
        pairs = {(name[:k], name[-1]) for name in self._places for k in range(1, 5) if len(name) > k}
        pairs |= {(name[:k], name[-1]) for name in counties for k in range(2, 5) if len(name) > k}
        return frozenset(pairs)

    def abbreviates_division(self, s: str) -> bool:
        """True when ``s`` is a place's first character and the character that ends the
        name of a division of that place (高区 of 高昌区, 昌州 of 昌吉回族自治州, 莫旗 of 莫力达瓦达斡尔族自治旗):
        how a district's, county's or prefecture's department writes its place before an
        agency's code (高区财农〔2023〕45号 of 高昌区).  Every province, prefecture and
        county-level division counts, as its own two characters are kept together."""
        return len(s) == 2 and s in self._division_initial_and_level

    @cached_property
    def _division_initial_and_level(self) -> frozenset[str]:
        with open(COUNTY_NAMES_PATH, encoding="utf-8") as f:
            counties = [line.strip() for line in f if line.strip() and not line.startswith("#")]
        names = list(self._places) + counties
        return frozenset(n[0] + n[-1] for n in names if len(n) > 2 and n[-1] in _DIVISION_LEVEL_CHARS)

    def may_begin_county(self, c: str) -> bool:
        """True when the character ``c`` begins the name of a county-level division
        (从 of 从化区): a local code may start with it."""
        return c in self._county_initials

    @cached_property
    def _county_initials(self) -> frozenset[str]:
        with open(COUNTY_NAMES_PATH, encoding="utf-8") as f:
            return frozenset(line[0] for line in f if line.strip() and not line.startswith("#"))

    def starts_like_code(self, s: str) -> bool:
        """True when ``s`` begins with a region abbreviation, an agency
        abbreviation (including the central ones: 国, 中, 财, 发改, 人社 …) or a known code."""
        s = _WS.sub("", s)
        return any(s[:n] in self._prefixes for n in range(1, min(len(s), self._max_prefix_len) + 1))

    def region_of_code(self, code: str) -> Region | None:
        """The region a code belongs to.

        A registered code gives its own region (None for central codes).  Otherwise
        the longest leading region abbreviation decides; when several regions share
        it, the character after it (政/府) decides, and failing that a single
        provincial candidate wins for a department code (吉医保 → 吉林省).  None when
        it cannot tell.  A registered code whose region has no abbreviation entry
        (中府办 → 中山市) gets a Region with ``abbr=""``.
        """
        code = _WS.sub("", code)
        known = self._codes.get(code)
        if known is not None:
            return self._region_named(known.region, code) if known.region else None
        cands = self._ambiguous.get(code)
        if cands:
            names = {c.region for c in cands}
            return self._region_named(names.pop(), code) if len(names) == 1 and None not in names else None
        for n in self._abbr_lens:
            regions = self._regions_by_abbr.get(code[:n])
            if not regions or len(code) <= n:
                continue
            if len(regions) == 1:
                return regions[0]
            nxt = code[n]
            if nxt in "政府":
                same = [r for r in regions if r.gov == nxt]
                if len(same) == 1:
                    return same[0]
                if same:
                    return None
                continue
            provincial = [r for r in regions if r.level == "provincial"]
            return provincial[0] if len(provincial) == 1 else None
        return None

    def _region_named(self, name: str, code: str) -> Region | None:
        regions = self._regions_by_name.get(name, ())
        for r in regions:
            if code.startswith(r.abbr):
                return r
        if regions:
            return regions[0]
        place = self._places.get(name)
        if place is None:
            return None
        return Region(abbr="", name=place.name, level=place.level, parent=place.parent)

    # ------------------------------------------------------------------ places and levels

    def place(self, name: str) -> Place | None:
        return self._places.get(name)

    def _place_at(self, s: str, i: int, short: bool = False) -> tuple[int, Place] | None:
        """The longest known place name (full, or short when asked) starting at s[i]."""
        if i >= len(s):
            return None
        for p in self._places_by_first.get(s[i], ()):
            if s.startswith(p.name, i):
                return len(p.name), p
        if short:
            for name, p in self._short_by_first.get(s[i], ()):
                if s.startswith(name, i):
                    return len(name), p
        return None

    def _place_chain_level(self, s: str, short: bool = False) -> str | None:
        i, level = 0, None
        while True:
            hit = self._place_at(s, i, short=short and i == 0)
            if hit is None:
                break
            n, p = hit
            level = _more_local(level, p.level)
            i += n
        m = _PLACE_RULE.match(s, i)
        if m and not _NOT_PLACE_NAME.search(m.group(1)):
            kind = m.group(2)
            if kind == "市":
                # an unknown city: prefecture-level or county-level cannot be told
                return None if level != "county" else level
            level = _more_local(level, _RULE_LEVEL[kind])
        return level

    def admin_level(self, org_name: str) -> str | None:
        """The administrative level of an organisation (see :meth:`_admin_level`).

        Memoised per registry: the answer depends only on the name and the
        immutable registry data, and the same issuers recur in every text."""
        memo = self._admin_levels
        try:
            return memo[org_name]
        except KeyError:
            pass
        level = self._admin_level(org_name)
        if len(memo) < _MEMO_LIMIT:
            memo[org_name] = level
        return level

    @cached_property
    def _admin_levels(self) -> dict[str | None, str | None]:
        return {}

    def _admin_level(self, org_name: str) -> str | None:
        """The administrative level of an organisation: central, provincial,
        prefecture or county; None when it cannot be told.

        Known places decide (云南省… provincial, 北京市… provincial, 玉溪市…
        prefecture, 澄江市… county, the deepest one when several are chained:
        玉溪市红塔区… county); unknown places are read from their kind (…自治县,
        …县, …区 county; …州, …地区, …盟 prefecture; an unknown …市 is None).
        Central: 国务院…, 国家…, 中共中央…, 中华人民共和国…, 最高人民法院, …部/…总局
        without a place.  Branches of central bodies take their place's level
        (国家税务总局云南省税务局 provincial).  A bare 省… is provincial, 县… county,
        市… None.
        """
        s = _WS.sub("", org_name or "")
        if s.startswith("原"):
            s = s[1:]
        if not s:
            return None
        for org in ("中国共产党", "中共", "中国共产主义青年团", "共青团"):
            if s.startswith(org) and len(s) > len(org):
                rest = s[len(org):]
                if rest.startswith("中央"):
                    return "central"
                s = rest
                break
        for branch in self._branch_systems:
            if s.startswith(branch):
                rest = s[len(branch):]
                level = self._place_chain_level(rest, short=True) if rest else None
                return level or "central"
        if s.startswith("中华人民共和国"):
            level = self._place_chain_level(s[len("中华人民共和国"):])
            return level or "central"
        if self._place_at(s, 0) is not None:
            # a known place: its level, or a deeper one that follows (None for an unknown …市)
            return self._place_chain_level(s)
        if s.startswith(_CENTRAL_NAME_PREFIXES) or any(s.startswith(b) for b in self._central_bodies):
            return "central"
        level = self._place_chain_level(s)  # an unknown place read from its kind
        if level is not None:
            return level
        if s.startswith("省"):
            return "provincial"
        if s.startswith(("县", "旗")):
            return "county"
        if s.startswith("州") and not s.startswith("州市"):
            return "prefecture"
        if s.startswith(("市", "区")) and not s.startswith("市场"):
            return None
        if s.startswith("市场监") or _CENTRAL_TAIL.match(s):
            return "central"
        return None

    # ------------------------------------------------------------------ orders

    def order_issuer(self, prefix: str) -> OrderPrefix | None:
        """The issuer of an order or announcement prefix (``国务院令``,
        ``宁波市第十三届人民代表大会常务委员会公告``).  Registered prefixes are
        looked up after dropping whitespace, a leading 原 and 第N届; other prefixes
        ending in 令 or 公告 get the issuer written before it and its admin_level
        (None when the level cannot be told)."""
        p = _WS.sub("", prefix or "")
        if p.startswith("原"):
            p = p[1:]
        p = _TERM.sub("", p)
        for cand in (p, p.removeprefix("中华人民共和国")):
            hit = self._orders.get(cand)
            if hit is not None:
                return hit if cand == (prefix or "") else OrderPrefix(prefix=p, issuer=hit.issuer, level=hit.level, note=hit.note)
        for tail in ("公告", "令"):
            if p.endswith(tail) and len(p) > len(tail):
                issuer = p[: -len(tail)]
                level = self.admin_level(issuer)
                if level is None:
                    return None
                return OrderPrefix(prefix=p, issuer=issuer, level=level)
        return None

    # ------------------------------------------------------------------ organisation names

    def registered_body_before(self, s: str, end: int) -> int | None:
        """Start of the longest body name the registry knows (the issuer of a code or an order,
        a central body) that ends at ``end`` in ``s``: a body whose name ends in no usual
        way (国务院应对新型冠状病毒肺炎疫情联防联控机制).  None when none ends there."""
        if end <= 0:
            return None
        for name in self._bodies_by_last_char.get(s[end - 1], ()):  # longest first
            if s.endswith(name, 0, end):
                return end - len(name)
        return None

    @cached_property
    def _bodies_by_last_char(self) -> dict[str, tuple[str, ...]]:
        names = {c.issuer for c in self._codes.values() if c.issuer}
        names |= {c.issuer for cands in self._ambiguous.values() for c in cands if c.issuer}
        names |= {o.issuer for o in self._orders.values() if o.issuer}
        names |= set(self._central_bodies)
        by_last: dict[str, list[str]] = {}
        for name in sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n)):
            by_last.setdefault(name[-1], []).append(name)
        return {c: tuple(ns) for c, ns in by_last.items()}

    def is_complete_org(self, s: str) -> bool:
        """True when ``s`` ends like a complete organisation name (…局, 国务院)."""
        return self._is_complete_org(s)

    def starts_like_org(self, s: str) -> bool:
        """True when ``s`` starts like an organisation name (a place, a central body, 省…)."""
        return self._starts_org(s)

    def _is_complete_org(self, s: str) -> bool:
        return bool(s) and (s.endswith(_ORG_SUFFIXES) or s in self._central_bodies)

    def _starts_org(self, s: str) -> bool:
        if not s:
            return False
        if s.startswith(_ORG_STARTS) or any(s.startswith(b) for b in self._central_bodies):
            return True
        if self._place_at(s, 0) is not None:
            return True
        if s[0] in "省县" or (s[0] == "市" and not s.startswith("市场")):
            return len(s) > 1
        return False

    def _is_branch(self, left: str, right: str) -> bool:
        return left in self._branch_systems and (
            self._place_at(right, 0, short=True) is not None or right.startswith(("省", "市", "县"))
        )

    def _split_glued(self, s: str) -> list[str]:
        """Split names written back to back: 玉溪市民政局玉溪市医疗保障局."""
        out: list[str] = []
        start, i = 0, 2
        while i < len(s) - 1:
            left, right = s[start:i], s[i:]
            if (
                self._is_complete_org(left)
                and self._starts_org(right)
                and not self._is_branch(left, right)
                and any(self._is_complete_org(right[:j]) for j in range(2, len(right) + 1))
            ):
                out.append(left)
                start, i = i, i + 2
                continue
            i += 1
        out.append(s[start:])
        return out

    def _split_conjunctions(self, s: str) -> list[str]:
        for conj in _CONJUNCTIONS:
            i = s.find(conj)
            while i > 0:
                left, right = s[:i], s[i + len(conj):]
                if self._is_complete_org(left) and self._is_complete_org(right) and (
                    self._starts_org(right) or self._is_complete_org(right)
                ):
                    return [left] + self._split_conjunctions(right)
                i = s.find(conj, i + 1)
        return [s]

    def split_joint_issuers(self, s: str) -> list[str]:
        """See :func:`split_joint_issuers`."""
        s = (s or "").strip()
        chunks = [c for c in _JOINT_SEP.split(s) if c]
        merged: list[str] = []
        buf = ""
        for c in chunks:
            buf += c
            if self._is_complete_org(_ETC_TAIL.sub("", buf)):
                merged.append(buf)
                buf = ""
        if buf:
            merged.append(buf)
        out: list[str] = []
        for m in merged:
            for part in self._split_conjunctions(m):
                for name in self._split_glued(part):
                    name = _ETC_TAIL.sub("", name)
                    if name and name not in out:
                        out.append(name)
        return out


# --------------------------------------------------------------------------- module API


@cache
def load_registry(path: str | None = None) -> Registry:
    """Load and validate the registry (cached: the data is immutable)."""
    file = Path(path) if path else DATA_PATH
    return Registry.from_data(json.loads(file.read_text(encoding="utf-8")))


def split_joint_issuers(s: str) -> list[str]:
    """Split a joint-issuer string into organisation names.

    Separators are whitespace, ``_``, ``、``, ``，``, ``,``, ``；``, ``/``; a
    conjunction 和/与/及/以及 splits only between two complete organisation names
    (人力资源和社会保障部 stays whole); names written back to back are split where
    one complete name ends and another begins (玉溪市民政局玉溪市医疗保障局), except
    for the local branch of a central body (国家税务总局云南省税务局 is one body).
    A trailing 等N部委 / 等部门 is dropped.
    """
    return load_registry().split_joint_issuers(s)


def _main(argv: Iterable[str]) -> int:
    args = list(argv)
    text = DATA_PATH.read_text(encoding="utf-8")
    data = json.loads(text)
    if "--format" in args:
        DATA_PATH.write_text(format_data(data), encoding="utf-8")
        print(f"formatted {DATA_PATH}")
        text = DATA_PATH.read_text(encoding="utf-8")
    errors = validate_data(data)
    for e in errors:
        print("error:", e)
    if text != format_data(data):
        print("error: file is not in canonical form (run: python -m extractors.registry --format)")
        errors.append("format")
    if not errors:
        print(
            f"ok: {len(data['regions'])} regions, {len(data['places'])} places, {len(data['agencies'])} agencies, "
            f"{len(data['codes'])} codes (+{len(data['ambiguous_codes'])} ambiguous), {len(data['orders'])} orders, "
            f"{len(data['boundary_words'])} boundary words"
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
