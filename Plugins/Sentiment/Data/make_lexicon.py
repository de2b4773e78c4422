#!/usr/bin/env python3
"""Regenerates vader_lexicon.tsv from the vaderSentiment package on PyPI (MIT license).

    python3 Plugins/Sentiment/Data/make_lexicon.py

Downloads the pinned wheel with pip (no install), reads vaderSentiment/vader_lexicon.txt and keeps the
first two columns (token, mean valence), sorted, as a compact tab-separated file.
"""
import io
import pathlib
import subprocess
import sys
import tempfile
import zipfile

VERSION = "3.3.2"
HERE = pathlib.Path(__file__).resolve().parent


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", tmp,
                        f"vaderSentiment=={VERSION}"], check=True)
        wheel = next(pathlib.Path(tmp).glob("vaderSentiment-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            text = z.read("vaderSentiment/vader_lexicon.txt").decode("utf-8")
            license_text = z.read(f"vaderSentiment-{VERSION}.dist-info/LICENSE.txt").decode("utf-8")
    rows = {}
    for line in io.StringIO(text):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2 and parts[0]:
            rows[parts[0]] = float(parts[1])
    out = HERE / "vader_lexicon.tsv"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# VADER sentiment lexicon, vaderSentiment {VERSION} (MIT license, C.J. Hutto); token<TAB>mean valence\n")
        for token in sorted(rows):
            f.write(f"{token}\t{rows[token]:g}\n")
    (HERE / "LICENSE-vaderSentiment.txt").write_text(license_text, encoding="utf-8")
    print(f"wrote {len(rows)} entries to {out}")


if __name__ == "__main__":
    main()
