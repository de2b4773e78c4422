#!/usr/bin/env python3
"""An exec processor with no third-party modules: adds metadata.word_count and a `long_words` layer.

Protocol (docs/exec-protocol.md): read one JSON document per line on stdin, write it back, with your
additions, as one line on stdout, and flush. Log to stderr. Use it in a pipeline:

    - uses: exec
      with: { command: [python3, ../Plugins/exec-examples/word_count.py], timeout: 5s, provides: [long_words] }
"""
import json
import re
import sys

WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def process(doc):
    text = doc["text"]
    words = [m for m in WORD.finditer(text) if not m.group().isdigit()]
    doc["metadata"]["word_count"] = len(words)
    # A custom layer: offsets are code points, as Python's str indexes them.
    doc.setdefault("layers", {})["long_words"] = [
        {"start": m.start(), "end": m.end(), "text": m.group()} for m in words if len(m.group()) >= 12
    ]
    return doc


def main():
    for line in sys.stdin:
        doc = json.loads(line)
        try:
            answer = process(doc)
        except Exception as error:  # one bad document must not end the process
            answer = {"id": doc.get("id"), "error": f"word_count failed: {error}"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
