#!/usr/bin/env python3
"""Mechanical checks of core/data/guidance/patient_texts.csv for the second reading.

Run from the repository root: python3 docs/review/check_patient_texts.py
Checks: the CSV shape and vocabularies the loader (core/src/explain/patient_texts.cpp) enforces,
source ids, placeholders, Flesch-Kincaid grades (a port of tests/core/readability.h), heading
length, jargon in patient text, and the phrases the C++ tests look for.
"""
import csv
import re
import sys

TEXTS = "core/data/guidance/patient_texts.csv"
SOURCES = "core/data/guidance/sources.csv"
HEADER = ["id", "part", "codes", "channel", "when", "audience", "label", "text", "sources"]
PATIENT_GRADE, OFFICE_GRADE = 9.0, 11.0
JARGON = re.compile(r"\b(CARC|RARC|CAS|CLP|adjudicat\w*|remit\w*|[A-Z]{2}-\d+)\b", re.I)


def syllables(word):
    w = "".join(c.lower() for c in word if c.isascii() and c.isalpha())
    if not w:
        return 1
    vowel = lambda c: c in "aeiouy"
    n = sum(1 for i, c in enumerate(w) if vowel(c) and (i == 0 or not vowel(w[i - 1])))
    if len(w) > 2 and w[-1] == "e" and w[-2] != "l" and n > 1:
        n -= 1
    return max(n, 1)


def fk_grade(text):
    words = syl = sentences = 0
    for tok in text.split():
        if not any(c.isascii() and c.isalnum() for c in tok):
            continue
        words += 1
        syl += syllables(tok)
        sentences += tok[-1] in ".!?"
    if not words:
        return 0.0
    return 0.39 * words / max(sentences, 1) + 11.8 * syl / words - 15.59


def main():
    errors = []
    with open(TEXTS, newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != HEADER:
        errors.append(f"header {rows[0]}")
    source_ids = {r["id"] for r in csv.DictReader(open(SOURCES, newline=""))}
    ids = set()
    texts = {}
    for row in rows[1:]:
        if len(row) != len(HEADER):
            errors.append(f"{row[0]}: {len(row)} fields")
            continue
        r = dict(zip(HEADER, row))
        rid, part, text, aud = r["id"], r["part"], r["text"], r["audience"]
        texts[rid] = text
        if rid in ids:
            errors.append(f"{rid}: repeated id")
        ids.add(rid)
        if part not in {"label", "intro", "reason", "note", "disagree", "check"}:
            errors.append(f"{rid}: part {part}")
        if not (rid == part or rid.startswith(part + ".")):
            errors.append(f"{rid}: id must start with its part")
        if (part == "check") != (aud == "office"):
            errors.append(f"{rid}: checks are for the office, the rest for the patient")
        if r["when"] not in {"", "ga", "no_ga"}:
            errors.append(f"{rid}: when {r['when']}")
        for ch in r["channel"].split(";"):
            if ch not in {"*", "medicare", "medicaid", "medicare_advantage", "other"}:
                errors.append(f"{rid}: channel {ch}")
        if part != "check" and (part == "reason") == (r["codes"] == ""):
            errors.append(f"{rid}: reasons name codes; other parts none")
        if part == "reason" and not r["label"]:
            errors.append(f"{rid}: reason needs a label")
        for s in r["sources"].split(";"):
            if s not in source_ids:
                errors.append(f"{rid}: unknown source {s}")
        if "{code}" in text and part != "check":
            errors.append(f"{rid}: {{code}} is only filled in for checks")
        if re.search(r"\{(?!code\})", text):
            errors.append(f"{rid}: unknown placeholder")
        for heading in ([text] if part == "label" else []) + ([r["label"]] if r["label"] else []):
            if len(heading.split()) > 6:
                errors.append(f"{rid}: heading over six words")
        if part != "label":
            limit = PATIENT_GRADE if aud == "patient" else OFFICE_GRADE
            grade = fk_grade(text)
            if grade > limit:
                errors.append(f"{rid}: grade {grade:.1f} > {limit}")
        if aud == "patient" and JARGON.search(text):
            errors.append(f"{rid}: jargon '{JARGON.search(text).group(0)}' in patient text")

    # Phrases tests/core/patient_explanation_test.cpp and tests/web/patient.spec.mjs look for.
    pinned = {
        "disagree.office": "[OFFICE PHONE]",
        "check.phone": "[OFFICE PHONE]",
        "disagree.plan.medicare": "Medicare Summary Notice",
        "disagree.plan": "Explanation of Benefits",
        "check.qmb": "QMB",
        "check.medicaid": "state plan",
        "check.not_covered.ga": "signed ABN",
        "check.not_covered.medicare": "no modifier GA",
        "reason.not_covered.ga": "ABN",
        "reason.not_needed.ga": "ABN",
        "reason.deductible.medicare": "Medicare",
    }
    for rid, phrase in pinned.items():
        if phrase not in texts.get(rid, ""):
            errors.append(f"{rid}: must contain '{phrase}'")
    if texts.get("check.other", "").find("{code} has no") != 0:
        errors.append("check.other must start with '{code} has no'")
    if "ABN" in texts.get("reason.not_covered.medicare", ""):
        errors.append("reason.not_covered.medicare (no GA) must not mention an ABN")

    for e in errors:
        print(e)
    print(f"{len(rows) - 1} rows, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
