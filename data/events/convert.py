#!/usr/bin/env python3
"""Compile the compact event-coding data of attache from the PETRARCH-2 / Phoenix / NGEC
dictionaries (all MIT). Usage: python3 data/events/convert.py ../shared/data/events data/events
Outputs (all UTF-8, one record a line, `#` comments):
  cameo-verbs.txt     CAMEO.2.0.txt synsets and verb blocks, comments and blank lines removed
  fallback-actors.tsv phrase<TAB>code<TAB>type   (countries, their synonyms and cities, nationalities,
                      people with the code of their latest dated role, IGOs/NGOs, armed groups)
  agents.tsv          phrase<TAB>sectors         (Phoenix.agents.txt, substitution sets expanded)
  issues.tsv          phrase<TAB>ISSUE           (Phoenix.IssueCoding.txt keyword phrases)
"""
import csv, re, sys, os

src, dst = sys.argv[1], sys.argv[2]
P = os.path.join(src, 'petrarch2')

def norm(phrase):
    p = phrase.strip().rstrip('_').replace('_', ' ').lower()
    return re.sub(r'\s+', ' ', p).strip()

# ---- verbs
out = ['# Compiled from PETRARCH-2 CAMEO.2.0.txt (MIT, (c) 2015 Open Event Data Alliance),',
       '# github.com/openeventdata/petrarch2 commit 676801cd; comments removed by convert.py.']
started = False
for line in open(os.path.join(P, 'CAMEO.2.0.txt'), encoding='utf-8', errors='replace'):
    if line.startswith('####### SYNONYM SETS'):
        started = True
        continue
    if not started:
        continue
    body = line.split('#')[0].rstrip()
    if not body.strip():
        continue
    out.append(body)
open(os.path.join(dst, 'cameo-verbs.txt'), 'w').write('\n'.join(out) + '\n')

# ---- actors
rows = {}
def add(phrase, code, kind, force=False):
    p = norm(phrase)
    if len(p) < 2 or not code or code == '---':
        return
    if p in rows and not force:
        return
    rows[p] = (code, kind)

names, nats = {}, {}
for r in csv.DictReader(open(os.path.join(src, 'ngec', 'countries.csv'), encoding='utf-8')):
    code = r['CCA3']
    names[norm(r['Name'])] = code
    for n in r['Nationality'].split(','):
        n = n.strip()
        if n:
            nats[norm(n)] = code

def latest(codes):
    """The code of the latest dated role: open-ended (>) wins, then the latest end date."""
    best, key = None, -1
    for c in codes:
        parts = c.split()
        if not parts:
            continue
        code = parts[0]
        k = 0
        if len(parts) > 1:
            d = parts[1]
            if d.startswith('>'):
                k = 3_000_000
            elif '-' in d:
                k = int(d.split('-')[1] or 0) + 1_000_000
            elif d.startswith('<'):
                k = 1
        else:
            k = 2_000_000
        if k >= key:
            best, key = code, k
    return best

def read_actors(path, country_file):
    """Yield (phrases, codes, is_country_block)."""
    cur = None
    for line in open(path, encoding='utf-8', errors='replace'):
        raw = line.rstrip('\n')
        body = raw.split('#')[0]
        if not body.strip():
            continue
        if body[0] in ' \t':
            if cur is not None:
                cur[1].extend(re.findall(r'\[([^\]]+)\]', body))
            continue
        if body.startswith('+'):
            if cur is not None:
                cur[0].append(body[1:].split('[')[0].strip())
                cur[1].extend(re.findall(r'\[([^\]]+)\]', body))
            continue
        if cur is not None:
            yield cur
        name = body.split('[')[0].strip()
        cur = [[name], re.findall(r'\[([^\]]+)\]', body)]
    if cur is not None:
        yield cur

for n, c in names.items():
    if c == 'UNO':
        add(n, 'IGOUNO', 'ORG')
    else:
        add(n, c, 'COUNTRY')
for n, c in nats.items():
    # "UN troops": the UN's demonym is the organisation, not a country
    if c == 'UNO':
        add(n, 'IGOUNO', 'ORG')
    else:
        add(n, c, 'NATIONALITY')
for phrases, codes, in ((p, c) for p, c in read_actors(os.path.join(P, 'Phoenix.Countries.actors.txt'), True)):
    code = latest(codes)
    if not code:
        continue
    if len(code) == 3 and len(codes) == 1:
        # a country block: the head is the country, synonyms are other names, demonyms, places
        add(phrases[0], code, 'COUNTRY')
        for s in phrases[1:]:
            p = norm(s)
            kind = 'NATIONALITY' if p in nats else ('COUNTRY' if p in names else 'CITY')
            add(s, code, kind)
    else:
        for s in phrases:
            add(s, code, 'PERSON')
for fname, roots in (('Phoenix.International.actors.txt', ('IGO', 'NGO', 'IMG')),
                     ('Phoenix.MilNonState.actors.txt', None)):
    for phrases, codes in read_actors(os.path.join(P, fname), False):
        code = latest(codes)
        if not code or (roots and not code.startswith(roots)):
            continue
        for s in phrases:
            add(s, code, 'ORG')
# official names the dictionaries only misspell ("democratic people's repulic of korea") and the
# abbreviation news uses for China
for p, c in (("democratic people's republic of korea", 'PRK'), ('prc', 'CHN'),
             # the short form news gives the United Arab Emirates
             ('emirates', 'ARE')):
    add(p, c, 'COUNTRY')
# the short name news gives an armed group whose full name the dictionaries list
add('liberation tigers', 'LKAREB', 'ORG')
# "Liberation Tigers of Tamil Eelam (LTTE)": an organisation's name without its parenthesised
# acronym or gloss, and the acronym alone when it has four letters or more (shorter ones are
# words and given names: "ana", "eta"), spells the name's initials in order, and is no word
# the gazetteer's lexicon knows ("dawn")
G = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'gazetteer')
words = set()
for f in ('common.tsv', 'lexicon.tsv'):
    for line in open(os.path.join(G, f), encoding='utf-8'):
        if not line.startswith('#'):
            words.add(line.split('\t')[0].strip().lower())
def initials_spell(inner, base):
    initials = [w[0] for w in re.split(r'[\s-]+', base) if w]
    k = 0
    for c in initials:
        if k < len(inner) and c == inner[k]:
            k += 1
    return k == len(inner)
for p, (code, kind) in list(rows.items()):
    m = re.match(r'^(.*\S)\s*\(([^()]+)\)$', p)
    if not m or kind != 'ORG':
        continue
    base, inner = m.group(1).strip(), m.group(2).strip()
    if len(base) >= 4 and base not in rows:
        rows[base] = (code, kind)
    if (len(inner) >= 4 and inner.isalpha() and inner not in rows and inner not in words
            and initials_spell(inner, base)):
        rows[inner] = (code, kind)
# surnames of people, when a surname belongs to one code only (type SURNAME: matched only when
# capitalised in the text) and is no common word: the last words of the dictionaries' role
# phrases ("president", "union", "general", "soldiers") and words news capitalises at the
# start of a sentence ("Major", "Begin") are not names here (common.tsv: words seen lower-case
# mid-sentence at least as often as capitalised)
common_words = set()
for line in open(os.path.join(G, 'common.tsv'), encoding='utf-8'):
    if not line.startswith('#'):
        common_words.add(line.strip().lower())
sur = {}
for p, (code, kind) in list(rows.items()):
    if kind == 'PERSON' and ' ' in p:
        last = p.split()[-1]
        if len(last) >= 4 and last.isalpha() and last not in common_words:
            sur.setdefault(last, set()).add(code[:3])
for last, codes in sur.items():
    if len(codes) == 1 and last not in rows:
        full = [c for p, (c, k) in rows.items() if k == 'PERSON' and p.endswith(' ' + last)]
        rows[last] = (full[0], 'SURNAME')
# nor single common words as organisations or places ("Organization", "Youth", "Male")
for p, (code, kind) in list(rows.items()):
    if kind in ('ORG', 'CITY') and ' ' not in p and p in common_words:
        del rows[p]
# legacy CAMEO / retired ISO country codes -> current ISO 3166-1 alpha-3, as the PLOVER gold
# records code them ("all of the nation-states correspond to ... the current ISO-3166-alpha-3"):
# renamed codes map one to one; a dissolved state maps to the successor that continues it
# (Soviet Union -> Russia, Yugoslavia and Serbia-Montenegro -> Serbia, Czechoslovakia ->
# Czechia, East Germany -> Germany). The sector codes after the root are kept.
LEGACY = {
    'TMP': 'TLS',  # East Timor
    'ANG': 'AGO',  # Angola (the MilNonState dictionary's spelling)
    'ROM': 'ROU',  # Romania
    'ZAR': 'COD',  # Zaire
    'BUR': 'MMR',  # Burma
    'SUN': 'RUS',  # Soviet Union
    'YUG': 'SRB',  # Yugoslavia
    'SCG': 'SRB',  # Serbia and Montenegro
    'CSK': 'CZE',  # Czechoslovakia
    'DDR': 'DEU',  # East Germany
    'GMW': 'DEU',  # West Germany
}
for p, (code, kind) in list(rows.items()):
    if code[:3] in LEGACY:
        rows[p] = (LEGACY[code[:3]] + code[3:], kind)
with open(os.path.join(dst, 'fallback-actors.tsv'), 'w') as f:
    f.write('# phrase\tcode\ttype -- from NGEC countries.csv and Phoenix.{Countries,International,MilNonState}.actors.txt (MIT)\n')
    for p in sorted(rows):
        if '\t' in p:
            continue
        f.write(f'{p}\t{rows[p][0]}\t{rows[p][1]}\n')

# ---- agents
subs = {}
agents = {}
for line in open(os.path.join(P, 'Phoenix.agents.txt'), encoding='utf-8', errors='replace'):
    body = line.split('#')[0].strip()
    if not body:
        continue
    m = re.match(r'^(!\w+!)\s*=\s*(.*)$', body)
    if m:
        subs[m.group(1)] = [w.strip() for w in m.group(2).split(',') if w.strip()]
        continue
    m = re.match(r'^([^\[{]+)(\{[^}]*\})?\s*\[([^\]]*)\]', body)
    if not m:
        continue
    code = m.group(3).strip()
    if not code.startswith('~'):
        continue
    code = code[1:]
    forms = [m.group(1).strip()] + (m.group(2) or '{}')[1:-1].split()
    for form in forms:
        exp = [form]
        for k, vals in subs.items():
            exp = [e.replace(k, v) if k in e else e for e in exp for v in (vals if k in e else [None])]
        for e in exp:
            p = norm(e)
            if p and p not in agents:
                agents[p] = code
with open(os.path.join(dst, 'agents.tsv'), 'w') as f:
    f.write('# phrase\tsectors -- from Phoenix.agents.txt (MIT); a phrase matches a word prefix on its last word\n')
    for p in sorted(agents):
        f.write(f'{p}\t{agents[p]}\n')

# ---- issues
with open(os.path.join(dst, 'issues.tsv'), 'w') as f:
    f.write('# phrase\tissue -- from Phoenix.IssueCoding.txt (MIT); n: and + markers dropped\n')
    seen = set()
    for line in open(os.path.join(P, 'Phoenix.IssueCoding.txt'), encoding='utf-8', errors='replace'):
        m = re.match(r'^<ISSUE CATEGORY="([^"]+)"', line)
        if m:
            cat = m.group(1)
            continue
        body = line.split('#')[0].strip()
        if not body or body.startswith('~') or body.startswith('<'):
            continue
        phrase = re.sub(r'\[.*$', '', body).strip()
        phrase = phrase.replace('n:', '').replace('+', ' ').lower()
        phrase = re.sub(r'\s+', ' ', phrase).strip()
        if phrase and (phrase, cat) not in seen:
            seen.add((phrase, cat))
            f.write(f'{phrase}\t{cat}\n')
