#!/usr/bin/env python3
"""Writes ../era/own__six_payments_one_trace.edi: our replacement for a non-redistributable
synthetic "training" remit, and the shape of a de-identified real remit in which six payments
share one trace number masked to 999999999.

Six ST*835 in one GS, one payer, every TRN02 = 999999999. Payments 1 and 4, 2 and 5, 3 and 6
have the same BPR02 amount but different claims (different patients, account numbers, charges,
procedure codes): payer + trace + amount alone would call 4, 5 and 6 retransmissions and drop
their 100 claims. Layout quirks kept from the file it replaces: the ISA is not fixed-width
(ISA06/ISA08 padded to 16/17), segments are split on '~' with a line feed after only some of
them, and SE01 of the last transaction is wrong. All names, ids and amounts are made up.
Deterministic (own LCG); run it again to get the same bytes.
"""
import os

state = 20251128
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) % (2 ** 31)
    return (state >> 8) % n

LAST = ["ALDER", "BIRCH", "CEDAR", "DOGWOOD", "ELM", "FIR", "GINKGO", "HAZEL", "IRONWOOD", "JUNIPER",
        "KAPOK", "LARCH", "MAPLE", "NUTMEG", "OLIVE", "POPLAR", "QUINCE", "ROWAN", "SPRUCE", "TAMARACK"]
FIRST = ["AVA", "BEN", "CORA", "DAN", "EVE", "FINN", "GIA", "HUGO", "IRIS", "JUDE", "KAI", "LENA"]
CODES = ["99212", "99213", "99214", "99215", "36415", "80053", "85025", "93000", "71046", "97110"]
DENIALS = ["16", "50", "197", "29", "96", "151"]

def money(c):
    return "%d.%02d" % (c // 100, c % 100) if c % 100 else "%d" % (c // 100)

def lines_for(paids, tag):
    """One claim's service lines from their paid amounts (cents); 0 = denied line."""
    out = []
    for i, paid in enumerate(paids):
        code = CODES[rnd(len(CODES))]
        if paid == 0:
            charge = (5 + rnd(60)) * 1000
            cas = [("CO", DENIALS[rnd(len(DENIALS))], charge)]
        else:
            co45 = (1 + rnd(40)) * 250
            pr = (rnd(3)) * 500
            charge = paid + co45 + pr
            cas = [("CO", "45", co45)] + ([("PR", "2", pr)] if pr else [])
        out.append((code, charge, paid, cas))
    return out

def claim_segments(n, pcn, lines, patient):
    charge = sum(l[1] for l in lines)
    paid = sum(l[2] for l in lines)
    pr = sum(a for l in lines for g, r, a in l[3] if g == "PR")
    status = "4" if paid == 0 else "1"
    segs = ["LX*%d" % n,
            "CLP*%s*%s*%s*%s*%s*12*%s*11*1" % (pcn, status, money(charge), money(paid), money(pr),
                                              "77" + pcn[-9:]),
            "NM1*QC*1*%s*%s****MI*%s" % (patient[0], patient[1], "ZQ" + pcn[-7:])]
    for code, lc, lp, cas in lines:
        segs.append("SVC*HC:%s*%s*%s**1" % (code, money(lc), money(lp)))
        segs.append("DTM*472*202511%02d" % (1 + rnd(27)))
        by_group = {}
        for g, r, a in cas:
            by_group.setdefault(g, []).append("%s*%s" % (r, money(a)))
        for g, items in by_group.items():
            segs.append("CAS*%s*%s" % (g, "**".join(items)))
        if lp:
            segs.append("AMT*B6*%s" % money(lp + sum(a for g, r, a in cas if g == "PR")))
    return segs, paid

def payment_claims(count, first_pcn):
    """`count` claims: list of line-paid lists."""
    claims = []
    for i in range(count):
        nlines = 1 + rnd(3)
        claims.append([0 if rnd(5) == 0 else (20 + rnd(300)) * 100 + rnd(100) for _ in range(nlines)])
    return claims

def regroup(claims):
    """The same multiset of line payments, dealt into different claims (reversed order,
    lines moved between neighbours), so the total paid is equal and the claims are not."""
    flat = [p for c in claims for p in c][::-1]
    out, i = [], 0
    for c in claims:
        out.append(flat[i:i + len(c)])
        i += len(c)
    # move the first line of every other claim to the previous claim (when it has two or more)
    for k in range(1, len(out), 2):
        if len(out[k]) > 1:
            out[k - 1].append(out[k].pop(0))
    return out

counts = [35, 30, 35]
base = [payment_claims(c, 0) for c in counts]
payments = base + [regroup(c) for c in base]

isa = ("ISA*00*          *00*          *ZZ*OWNTRAINPAYER   *ZZ*OWNPRACTICE0001  *251128*085001*^*00501"
       "*000000777*0*P*:")
out = [isa, "GS*HP*OWNTRAINPAYER*OWNPRACTICE0001*20251128*085001*77*X*005010X221A1"]
pcn_no = 5000
for p, claims in enumerate(payments, 1):
    body = []
    total = 0
    for n, paids in enumerate(claims, 1):
        pcn_no += 1
        patient = (LAST[rnd(len(LAST))], FIRST[rnd(len(FIRST))])
        segs, paid = claim_segments(n, "TRN%06d" % pcn_no, lines_for(paids, p), patient)
        body += segs
        total += paid
    head = ["ST*835*%04d*005010X221A1" % p,
            "BPR*I*%s*C*ACH*CCP*01*071000039*DA*1234509876*1999999999**01*071000039*DA*55501234%02d*2025112%d"
            % (money(total), p, p % 9),
            "TRN*1*999999999*1999999999",
            "DTM*405*20251128",
            "N1*PR*OWN TRAINING HEALTH PLAN",
            "N3*1 EXAMPLE PLAZA",
            "N4*SPRINGFIELD*IL*62700",
            "PER*BL*EDI SUPPORT*TE*8005550111",
            "N1*PE*OWN PRACTICE GROUP*XX*1558899001"]
    segs = head + body
    se_count = len(segs) + 1
    if p == 6:
        se_count += 3  # wrong on purpose, like the file this replaces
    out += segs + ["SE*%d*%04d" % (se_count, p)]
out += ["GE*6*77", "IEA*1*000000777"]

# '~' after every segment; a line feed after the first of each claim's segments and after
# every header segment, not after the others (some lines hold several segments).
text = []
for i, s in enumerate(out):
    text.append(s + "~")
    if not s.startswith(("SVC", "DTM*472", "CAS", "AMT")) or i % 7 == 0:
        text.append("\n")
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "era", "own__six_payments_one_trace.edi"), "w", newline="") as f:
    f.write("".join(text))
