#!/usr/bin/env python3
"""Rewrites data/terminologies/ from the ANS's published FHIR resources.

Usage: scripts/refresh-terminologies.py DIR SOURCE [OUT]

DIR holds the resources as JSON, named as the ANS publishes them: ValueSet-JDV-J57-ClassCode-DMP.json,
..., ConceptMap-ASS-X16-CorrespondanceType-Classe-DMP.json (the FHIR package ans.fr.terminologies,
unpacked, or the JSON files of https://interop.esante.gouv.fr/terminologies/). SOURCE says where DIR
came from (e.g. "ans.fr.terminologies#1.12.0" or "owner/repo path @ commit"); it is written in each
file's header. OUT defaults to data/terminologies. A resource missing from DIR leaves its file as it
is. Then run `cargo test -p dmp --lib valuesets`: the expected versions and counts there are updated
by hand, so that a change of the data is seen in review.
"""

import json
import os
import sys

# The code systems as the DMP writes them in codingScheme (the official TD2.1 request): OIDs,
# and "URN"/"ASTM" for the IHE signature's codes.
SYSTEMS = {
    "http://loinc.org": "2.16.840.1.113883.6.1",
    "TRE_A00-ProducteurDocNonPS": "1.2.250.1.213.1.1.4.6",
    "TRE_A01-CadreExercice": "1.2.250.1.213.1.1.4.9",
    "TRE_A03-ClasseDocument": "1.2.250.1.213.1.1.4.1",
    "TRE_A04-Loinc": "2.16.840.1.113883.6.1",
    "TRE_A05-TypeDocComplementaire": "1.2.250.1.213.1.1.4.12",
    "TRE_A06-FormatCodeComplementaire": "1.2.250.1.213.1.1.4.2.282",
    "TRE_A07-StatutVisibiliteDocument": "1.2.250.1.213.1.1.4.13",
    "TRE_A08-HL7Confidentiality": "2.16.840.1.113883.5.25",
    "TRE_A09-DICOMuidRegistry": "1.2.840.10008.2.6.1",
    "TRE_A10-NomenclatureURN": "URN",
    "TRE_A11-IheFormatCode": "1.3.6.1.4.1.19376.1.2.3",
    "TRE_A12-NomenclatureASTM": "ASTM",
    "TRE_G15-ProfessionSante": "1.2.250.1.213.1.1.4.5",
    "TRE_R02-SecteurActivite": "1.2.250.1.71.4.2.4",
    "TRE_R209-TypeActivite": "1.2.250.1.213.2.2",
    "TRE_R276-FormeActivite": "1.2.250.1.213.1.6.1.128",
}

VALUE_SETS = [
    "JDV-J57-ClassCode-DMP",
    "JDV-J58-ConfidentialityCode-DMP",
    "JDV-J59-ContentTypeCode-DMP",
    "JDV-J60-FormatCode-DMP",
    "JDV-J61-HealthcareFacilityTypeCode-DMP",
    "JDV-J62-PracticeSettingCode-DMP",
    "JDV-J66-TypeCode-DMP",
]
MAP = "ASS-X16-CorrespondanceType-Classe-DMP"


def system_of(url):
    for key, oid in SYSTEMS.items():
        if url == key or url.rstrip("/").split("/NOS/")[-1].split("/")[0] == key:
            return oid
    sys.exit(f"unknown code system {url}: add its codingScheme to SYSTEMS")


def file_name(res_id):
    # JDV-J66-TypeCode-DMP -> JDV_J66-TypeCode-DMP.txt
    kind, rest = res_id.split("-", 1)
    return f"{kind}_{rest}.txt"


def header(res, source, count, notes):
    oid = next(
        (i["value"].removeprefix("urn:oid:") for i in as_list(res.get("identifier"))),
        None,
    )
    lines = [
        f"# name: {file_name(res['id'])[:-4]}",
        f"# url: {res['url']}",
        f"# oid: {oid}" if oid else None,
        f"# version: {res['version']}",
        f"# date: {res.get('date', '')[:10]}",
        f"# source: {source}",
        f"# count: {count}",
    ] + [f"# {n}" for n in notes]
    return [l for l in lines if l]


def as_list(v):
    return v if isinstance(v, list) else [v] if v else []


def value_set(res, source):
    rows = []
    for inc in res["compose"]["include"]:
        if "concept" not in inc:
            sys.exit(f"{res['id']}: an include is not a list of codes (filter or value set)")
        system = system_of(inc["system"])
        rows += [f"{c['code']}|{c.get('display', '').strip()}|{system}" for c in inc["concept"]]
    notes = [
        "Complete: ValueSet.compose of the published resource.",
        "Format: code|display|code system (as the DMP writes it in codingScheme).",
    ]
    return header(res, source, len(rows), notes) + rows


def concept_map(res, source):
    rows = [
        f"{e['code']}|{t['code']}"
        for g in res["group"]
        for e in g["element"]
        for t in e.get("target", [])[:1]
    ]
    notes = ["Complete: the published ConceptMap JDV_J66 -> JDV_J57. Format: typeCode|classCode."]
    return header(res, source, len(rows), notes) + rows


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    src_dir, source = sys.argv[1], sys.argv[2]
    out = sys.argv[3] if len(sys.argv) == 4 else "data/terminologies"
    jobs = [(f"ValueSet-{v}.json", value_set) for v in VALUE_SETS]
    jobs.append((f"ConceptMap-{MAP}.json", concept_map))
    for name, make in jobs:
        path = os.path.join(src_dir, name)
        if not os.path.exists(path):
            print(f"{name}: not in {src_dir}, left as it is")
            continue
        with open(path, encoding="utf-8") as f:
            res = json.load(f)
        lines = make(res, source)
        target = os.path.join(out, file_name(res["id"]))
        with open(target, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        count = sum(1 for l in lines if not l.startswith("#"))
        print(f"{target}: version {res['version']}, {count} entries")


if __name__ == "__main__":
    main()
