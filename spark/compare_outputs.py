"""Compares two runs' JSON Lines output, order aside: `pipeline run`'s file(s) and the Spark driver's part files.

    python3 spark/compare_outputs.py EXPECTED.jsonl OUTDIR [--fields text,metadata,entities,...]

Both sides must hold the same ids, each once, and for every id the same value in each compared field
(default: source, text, metadata, paragraphs, sentences, entities, entity_table, quotes, warnings). Exits 1 naming the
first differences. Used by scripts/check-spark.sh; handy after any run on a cluster.
"""

import argparse
import glob
import json
import os
import sys

FIELDS = ["source", "text", "metadata", "paragraphs", "sentences", "entities", "entity_table", "quotes", "warnings"]


def read(path):
    """Documents by id, and the ids seen more than once."""
    if os.path.isdir(path):
        files = sorted(f for f in glob.glob(os.path.join(path, "part-*")) if not f.endswith(".crc"))
    else:
        files = [path]
    docs, doubled = {}, []
    for name in files:
        with open(name, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                doc = json.loads(line)
                if doc["id"] in docs:
                    doubled.append(doc["id"])
                docs[doc["id"]] = doc
    return docs, doubled


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("expected")
    p.add_argument("actual")
    p.add_argument("--fields", default=",".join(FIELDS))
    args = p.parse_args(argv)
    fields = args.fields.split(",")
    expected, expected_doubled = read(args.expected)
    actual, actual_doubled = read(args.actual)
    problems = []
    if expected_doubled:
        problems.append(f"{len(expected_doubled)} ids twice in {args.expected}: {expected_doubled[:5]}")
    if actual_doubled:
        problems.append(f"{len(actual_doubled)} ids twice in {args.actual}: {actual_doubled[:5]}")
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    if missing:
        problems.append(f"{len(missing)} documents missing from {args.actual}: {missing[:5]}")
    if extra:
        problems.append(f"{len(extra)} documents not in {args.expected}: {extra[:5]}")
    differing = {}
    for doc_id in sorted(set(expected) & set(actual)):
        for field in fields:
            if expected[doc_id].get(field) != actual[doc_id].get(field):
                differing.setdefault(field, []).append(doc_id)
    for field, ids in differing.items():
        problems.append(f"{field} differs in {len(ids)} documents, e.g. {ids[:5]}")
    if problems:
        print("outputs differ:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    entities = sum(len(d.get("entities", [])) for d in actual.values())
    quotes = sum(len(d.get("quotes", [])) for d in actual.values())
    print(f"same {len(actual)} documents ({entities} entity mentions, {quotes} quotes), none missing or twice; "
          f"compared: {', '.join(fields)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
