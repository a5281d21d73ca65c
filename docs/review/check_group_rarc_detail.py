#!/usr/bin/env python3
"""Checks group_rules.csv, rarc_guidance.csv and carc_detail.json after the 2026-12 second reading:
they parse, use the fixed vocabularies, and every source id exists in sources.csv."""
import csv, json, os, sys
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
G = os.path.join(ROOT, 'core', 'data', 'guidance')
C = os.path.join(ROOT, 'core', 'data', 'codesets')
KINDS = {'', 'denial', 'reduction', 'contractual', 'patient_responsibility', 'informational'}
ACTIONS = {'', 'resubmit_corrected', 'appeal', 'bill_patient', 'bill_other_payer', 'verify_eligibility_rebill',
           'obtain_retro_auth', 'write_off', 'contact_payer', 'no_action'}
APPEALABLE = {'', 'yes', 'sometimes', 'no'}
EFFECTS = {'no_appeal_rights', 'resubmit_new_claim', 'appeal_rights', 'patient_protected', 'missing_information',
           'invalid_information', 'other_payer', 'patient_liability', 'informational'}
errors = []
def err(msg): errors.append(msg)

def read(path, header):
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    if rows[0] != header:
        err(f'{path}: header {rows[0]} != {header}')
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(header):
            err(f'{path}:{i}: {len(r)} fields')
    return [dict(zip(header, r)) for r in rows[1:]]

sources = {r['id'] for r in read(os.path.join(G, 'sources.csv'), ['id', 'publisher', 'title', 'citation'])}
carcs = {r['code'] for r in csv.DictReader(open(os.path.join(C, 'carc.csv')))}
rarcs = {r['code'] for r in csv.DictReader(open(os.path.join(C, 'rarc.csv')))}

def check_sources(where, ids):
    if not ids:
        err(f'{where}: no sources')
    for s in ids:
        if s not in sources:
            err(f'{where}: unknown source {s!r}')

seen = set()
for r in read(os.path.join(G, 'group_rules.csv'), ['group', 'code', 'kind', 'action', 'appealable', 'note', 'sources']):
    key = (r['group'], r['code'])
    where = f'group_rules {key}'
    if key in seen: err(f'{where}: duplicate')
    seen.add(key)
    if r['group'] not in {'CO', 'OA', 'PI', 'PR', 'CR'}: err(f'{where}: group')
    if r['code'] != '*' and r['code'] not in carcs: err(f'{where}: CARC not in carc.csv')
    if r['kind'] not in KINDS: err(f'{where}: kind {r["kind"]}')
    if r['action'] not in ACTIONS: err(f'{where}: action {r["action"]}')
    if r['appealable'] not in APPEALABLE: err(f'{where}: appealable {r["appealable"]}')
    if r['group'] != 'PR' and (r['action'] == 'bill_patient' or r['kind'] == 'patient_responsibility'):
        if key != ('OA', '100'): err(f'{where}: non-PR row bills the patient')
    if not r['note'].strip(): err(f'{where}: empty note')
    check_sources(where, r['sources'].split(';') if r['sources'] else [])

seen = set()
for r in read(os.path.join(G, 'rarc_guidance.csv'), ['code', 'effect', 'action', 'note', 'sources']):
    where = f'rarc_guidance {r["code"]}'
    if r['code'] in seen: err(f'{where}: duplicate')
    seen.add(r['code'])
    if r['code'] not in rarcs: err(f'{where}: RARC not in rarc.csv')
    if r['effect'] not in EFFECTS: err(f'{where}: effect {r["effect"]}')
    if r['action'] not in ACTIONS: err(f'{where}: action {r["action"]}')
    if r['effect'] == 'no_appeal_rights' and r['action'] == 'appeal': err(f'{where}: no-appeal remark with appeal action')
    if not r['note'].strip(): err(f'{where}: empty note')
    check_sources(where, r['sources'].split(';') if r['sources'] else [])
for q in ('N781', 'N782', 'N783'):
    if q not in seen: err(f'rarc_guidance: {q} missing')

with open(os.path.join(G, 'carc_detail.json')) as f:
    detail = json.load(f)
for code, e in detail.items():
    where = f'carc_detail {code}'
    if code not in carcs: err(f'{where}: CARC not in carc.csv')
    if set(e) != {'plain', 'steps', 'appeal_attachments', 'appealable', 'sources'}: err(f'{where}: keys {sorted(e)}')
    if e.get('appealable') not in {'yes', 'sometimes', 'no'}: err(f'{where}: appealable')
    if len(e.get('steps', [])) < 2 or any(not s.strip() for s in e['steps']): err(f'{where}: steps')
    check_sources(where, e.get('sources', []))

with open(os.path.join(ROOT, 'docs', 'review', 'group_rarc_detail-review.csv'), newline='') as f:
    rv = list(csv.DictReader(f))
for i, r in enumerate(rv, 2):
    for s in filter(None, r['sources'].split(';')):
        if s not in sources: err(f'review row {i}: unknown source {s!r}')

print('\n'.join(errors) if errors else f'ok: {len(detail)} detail entries, {len(sources)} sources, {len(rv)} review rows')
sys.exit(1 if errors else 0)
