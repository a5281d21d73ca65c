#!/usr/bin/env python3
"""Rebuilds the ranking of docs/review/rarc_top300.md (the 300 RARCs given notes in issue 14).

Inputs, all in the repository: the official RARC list (core/data/codesets/rarc.csv), the MAC
pages and the remark codes each names (pages.txt here: id|publisher|title|URL|codes), and the
codes that had a note before this work (tier2_codes.txt: the codes of
core/data/guidance/rarc_guidance.csv at commit b3cf1eb, 114 codes). Only codes active on AS_OF count.

  python3 docs/review/rarc_top300/rank.py            # rank,code,tier,pages,page_ids,via_carc
  python3 docs/review/rarc_top300/rank.py --check    # compares with the table in the .md
"""
import collections
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
AS_OF = "2026-12-07"

rarc = {x["code"]: x for x in csv.DictReader(open(ROOT / "core/data/codesets/rarc.csv", newline=""))}


def active(c):
    s = rarc[c]["stop_date"]
    return (not s) or s > AS_OF


tier2_input = [c.strip() for c in open(HERE / "tier2_codes.txt") if c.strip()]

# MAC pages: one URL counts once.
pages = {}
for line in open(HERE / "pages.txt"):
    line = line.strip()
    if not line:
        continue
    pid, pub, title, url, codes = line.split("|")
    pages.setdefault(url, {"pid": pid.rstrip("b"), "codes": set()})["codes"].update(codes.split())
pagecount = collections.Counter()
pagelist = collections.defaultdict(list)
for p in pages.values():
    for c in p["codes"]:
        pagecount[c] += 1
        pagelist[c].append(p["pid"])

# CARCs in frequency order, each with the wording that ties a remark to it; core claim data
# elements (sorted first) and niche programs (left out).
carcs=[('16',[r'^missing',r'^incomplete',r'^invalid',r'missing/incomplete/invalid',r'mismatch',r'lacks']),
 ('50',[r'medical necessity',r'medically necessary',r'not deemed',r'does not support',r'does not substantiate',r'local coverage determination',r'national coverage']),
 ('96',[r'not covered',r'non-covered',r'noncovered',r'not a covered',r'excluded',r'not payable',r'no payment']),
 ('97',[r'included in',r'bundled',r'not paid separately',r'not separately',r'incidental',r'global',r'component']),
 ('197',[r'authoriz',r'precertif',r'pre-certif',r'referral',r'approval']),
 ('4',[r'modifier']),
 ('11',[r'diagnos']),
 ('27',[r'coverage ended',r'terminat',r'not eligible',r'eligib',r'enrolled',r'entitle']),
 ('29',[r'time limit',r'timely',r'late filing']),
 ('18',[r'duplicate',r'previously (paid|adjudicated|processed|billed)',r'already (paid|been paid|processed)']),
 ('109',[r'misdirected',r'another payer',r'jurisdiction',r'correct payer',r'wrong',r'not payable under our']),
 ('204',[r'benefit plan',r'plan benefit',r'plan does not',r'not covered under']),
 ('22',[r'primary payer',r'other payer',r'secondary payer',r'coordination',r'supplemental',r'other insur',r'liability',r'workers']),
 ('23',[r'prior payer',r'previous payer',r'primary payer.s']),
 ('45',[r'fee schedule',r'contract',r'allowance',r'maximum allowable',r'reimbursement']),
 ('151',[r'frequency',r'exceed',r'number of',r'per day',r'per year',r'limit']),
 ('185',[r'rendering provider',r'not enrolled',r'not certified']),
 ('170',[r'provider type',r'specialty',r'taxonomy']),
 ('252',[r'attachment',r'documentation',r'record',r'report',r'certification',r'certificate',r'form']),
 ('234',[r'not paid separately',r'billed separately',r'not separately']),
 ('236',[r'correct coding',r'ncci',r'procedure combination',r'mutually exclusive']),
 ('253',[]),]
core_elems=[r'primary identifier',r'procedure code',r'hcpcs',r'date.s. of service',r'units',r'place of service',r'ndc',r'diagnosis',r'modifier',r'patient name',r'patient identifier',r'birth date',r'insured',r'billing provider',r'rendering provider',r'referring provider',r'ordering provider',r'attending provider',r'operating provider',r'service facility',r'type of bill',r'revenue code',r'charges',r'admission date',r'discharge',r'condition code',r'occurrence code',r'value code',r'patient status',r'medical record',r'progress notes',r'operative',r'certificate of medical necessity',r'prior payer',r'primary payer',r'other insur',r'authorization number',r'referral number',r'drug',r'npi',r'primary identifier',r'patient',r'insured',r'procedure code',r'hcpcs',r'date',r'units',r'place of service',r'ndc',r'drug',r'ordering',r'referring',r'rendering',r'billing provider',r'attending',r'admission',r'discharge',r'occurrence',r'condition code',r'value code',r'revenue code',r'bill type',r'type of bill',r'claim',r'charge']
niche=[r'vehicle',r'occupant',r'operating a',r'340b',r'emphysema',r'quarterly',r'mammography',r'tomosynthesis',r'specialty drug',r'specialty vendor',r'epsdt',r'child and teen',r'electronic visit',r'hpsa',r'appeal review',r'excluded from your electronic',r'refund',r'overpa',r'outlier',r'rehabilitation facility',r'per diem',r'mandatory medical reimbursement',r'injury claim',r'record fees',r'fehb',r'stimulation',r'institutional services only',r'professional services only',r'under age',r'high risk',r'prepaid health',r'teleconsultation',r'value-based',r'functional reporting',r'single payment amount',r'self-administered',r'secondary identifier',r'other payer .*identifier',r'work status',r'vocational',r'first report of injury',r'permanent impairment',r'supplemental medical report',r'return to work',r'independent medical',r'injured worker',r'jurisdiction',r'fips',r'electronic funds',r'sales tax',r'taxpayer',r'z-code',r'riders',r'miles',r'menstrual',r'prenatal',r'sleep study',r'vein study',r'blood gas',r'diabetes association',r'upgrade',r'drg exempt',r'child medical',r'hipps',r'fda',r'questionnaire',r'contract indicator',r'lifetime reserve',r'coinsurance days',r'group practice',r'purchase price',r'financial relationship',r'demonstration',r'stress incontinence',r'break in therapy',r'capped rental',r'dental',r'tooth',r'pharmacy',r'prescription',r'workers. comp',r'property and casualty',r'vocational',r'medical legal',r'real-time',r'consumer spending',r'estimate',r'predetermination',r'orthodont',r'denture',r'sterilization',r'hysterectomy',r'abortion',r'transplant',r'ambulance',r'oxygen',r'vision',r'eyeglass',r'hearing',r'chiropract',r'home health',r'hospice',r'esrd',r'dialysis',r'snf',r'rural',r'demonstration',r'pilot',r'pace',r'casualty',r'lien',r'jurisdiction fee',r'medicaid',r'state']


def ties_of(c):
    d = rarc[c]["description"].lower()
    return [carc for carc, pats in carcs if any(re.search(p, d) for p in pats)]


def bucket_key(c):
    d = rarc[c]["description"].lower()
    core = any(re.search(p, d) for p in core_elems)
    nich = any(re.search(p, d) for p in niche)
    alert = d.startswith("alert:")
    return (nich, alert, not core, rarc[c]["start_date"], c)


def rank():
    act = [c for c in rarc if active(c)]
    ties = {c: ties_of(c) for c in act}
    tier1 = sorted([c for c in act if pagecount[c] > 0], key=lambda c: (-pagecount[c], bucket_key(c)))
    chosen = list(tier1)
    tier = {c: 1 for c in tier1}
    for c in tier2_input:
        if c not in tier and active(c):
            chosen.append(c)
            tier[c] = 2
    # Tier 3: one remark per CARC bucket, round-robin in CARC order, up to 300.
    buckets = {
        carc: sorted([c for c in act if carc in ties[c] and not bucket_key(c)[0] and not bucket_key(c)[1]], key=bucket_key)
        for carc, _ in carcs
    }
    ptr = {carc: 0 for carc, _ in carcs}
    via = {}
    while len(chosen) < 300:
        progressed = False
        for carc, _ in carcs:
            b = buckets[carc]
            while ptr[carc] < len(b) and b[ptr[carc]] in tier:
                ptr[carc] += 1
            if ptr[carc] < len(b) and len(chosen) < 300:
                c = b[ptr[carc]]
                chosen.append(c)
                tier[c] = 3
                via[c] = carc
                progressed = True
        if not progressed:
            break
    return [(i + 1, c, tier[c], pagecount[c], " ".join(sorted(pagelist[c], key=lambda p: int(p[1:]))), via.get(c, ""))
            for i, c in enumerate(chosen)]


def table_rows(md):
    """(rank, code, tier, pages, page ids, via CARC) of the ranked list in the .md."""
    rows = []
    for line in open(md):
        cells = [x.strip() for x in line.strip().strip("|").split("|")]
        if len(cells) >= 8 and cells[0].isdigit():
            rows.append((int(cells[0]), cells[1], int(cells[2]), int(cells[3]), cells[4], cells[5]))
    return rows


if __name__ == "__main__":
    ranked = rank()
    if "--check" in sys.argv:
        want = table_rows(HERE.parent / "rarc_top300.md")
        diff = [(a, b) for a, b in zip(ranked, want) if a != b]
        if len(ranked) != len(want) or diff:
            print(f"differs: {len(ranked)} ranked, {len(want)} in the table; first: {diff[:3]}")
            sys.exit(1)
        print(f"same ranking as rarc_top300.md: {len(ranked)} codes")
    else:
        w = csv.writer(sys.stdout)
        w.writerow(["rank", "code", "tier", "pages", "page_ids", "via_carc"])
        w.writerows(ranked)
