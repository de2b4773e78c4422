#!/usr/bin/env python3
"""An exec processor that runs a spaCy model and replaces the `entities` layer with its entities.

For people who have spaCy and a model installed (not run in CI):

    pip install spacy && python3 -m spacy download en_core_web_sm

    - uses: exec
      with:
        command: [python3, ../Plugins/exec-examples/spacy_entities.py]
        env: { SPACY_MODEL: en_core_web_sm }
        send: [paragraphs, sentences]     # spaCy tokenizes itself: don't send our tokens
        provides: [entities]
        timeout: 30s

The model loads once per child; every document then costs one `nlp(text)`. spaCy's character offsets
are code points, like the protocol's, so they go into the answer as they are.
"""
import json
import os
import sys

# spaCy labels are the OntoNotes ones this pipeline uses too (PERSON, ORG, GPE, ...).


def main():
    try:
        import spacy
    except ImportError:
        print("spacy_entities.py needs spaCy: pip install spacy", file=sys.stderr)
        sys.exit(2)
    model = os.environ.get("SPACY_MODEL", "en_core_web_sm")
    try:
        nlp = spacy.load(model, disable=["lemmatizer"])
    except OSError as error:
        print(f"cannot load the spaCy model {model}: {error}; run: python3 -m spacy download {model}", file=sys.stderr)
        sys.exit(2)
    print(f"loaded {model}", file=sys.stderr)

    for line in sys.stdin:
        doc = json.loads(line)
        try:
            parsed = nlp(doc["text"])
            # Answer only what changed: the pipeline keeps everything else as it was.
            answer = {
                "id": doc["id"],
                "entities": [
                    {"start": ent.start_char, "end": ent.end_char, "text": ent.text, "label": ent.label_}
                    for ent in parsed.ents
                ],
                "metadata": {"spacy_model": model},
            }
        except Exception as error:  # one bad document must not end the process
            answer = {"id": doc.get("id"), "error": f"spaCy failed: {error}"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
