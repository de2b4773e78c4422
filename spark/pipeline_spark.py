"""Run a pipeline YAML over Apache Spark: the same `pipeline` binary, the same analysis, many machines.

    spark-submit spark/pipeline_spark.py --pipeline CONFIG.yaml --input INPUT --output OUTDIR \
        [--binary PATH] [--partitions N] [--format jsonl|parquet]

The driver ships the `pipeline` binary and a derived pipeline file to the executors. The derived file
keeps CONFIG's analysis steps and settings; its inputs become one input the executor points at, and its
export steps become one JSON Lines export to stdout. Each partition streams through one long-lived
`pipeline run` (no shuffle, no process per document):

- JSON Lines and Parquet records go through its stdin, the README's filter mode (input "-", export
  "-"), written by a thread while the task reads the output lines as the binary writes them. A
  record's id is its `id` field, else what `pipeline run` gives a JSON Lines line (`12`, or
  `file-id:12` for a folder or glob).
- files (text, news, HTML, Markdown) are staged in a scratch folder under their path relative to
  INPUT and read by one `pipeline run` from there, so format detection, encodings and ids are exactly
  those of `pipeline run` over INPUT (id: the path relative to the input folder, without extension).
  A Parquet `html` column is handed over as an HTML file, so it is read as a page, not as text.

OUTDIR gets JSON Lines part files (or Parquet) in docs/output.schema.json's form; rejected documents go
to OUTDIR/_rejected, one JSON object a line with id, source, step and reason. If the binary dies (a
crash, not a rejection), the documents it was given but had not written are run again in halves until
the one that kills it stands alone; it is rejected with the signal and the binary's last words, and a
new `pipeline run` takes the rest of the partition. docs/scale-out.md has the full guide.
"""

import argparse
import collections
import glob
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading

MAX_STDERR = 2000
CRASH_STEP = "pipeline"  # the step named for a document that made the binary die
DRIVER_ENV = "PIPELINE_SPARK_INPUT"


# ---------------------------------------------------------------------------------------------------
# The derived pipeline file


def derive_pipeline(config_path, jobs):
    """CONFIG's analysis steps with one input (an environment variable) and one JSON Lines export to stdout.

    Returns (yaml text, parse options, on_error of CONFIG)."""
    try:
        import yaml
    except ImportError:
        sys.exit("pipeline_spark: the driver needs PyYAML to read the pipeline file: pip install pyyaml")
    with open(config_path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    if not isinstance(config, dict) or not isinstance(config.get("steps"), list):
        sys.exit(f"pipeline_spark: {config_path}: not a pipeline file (no steps:); check it with `pipeline validate {config_path}`")
    steps = [s for s in config["steps"] if not (isinstance(s, dict) and s.get("uses") == "export")]
    exports = [s for s in config["steps"] if isinstance(s, dict) and s.get("uses") == "export"]
    export_options = {"format": "jsonl", "path": "-"}
    # The layers the user asked of a JSON export are the layers written here.
    for e in exports:
        options = e.get("with") or {}
        if options.get("format", "jsonl") in ("jsonl", "json") and "layers" in options:
            export_options["layers"] = options["layers"]
            break
    steps.append({"uses": "export", "id": "spark-output", "with": export_options})
    settings = dict(config.get("settings") or {})
    on_error = settings.get("on_error", "skip")
    # Rejected documents go to OUTDIR/_rejected; the driver applies on_error: fail at the end.
    settings["on_error"] = "skip"
    settings["jobs"] = jobs
    derived = {
        "name": f"{config.get('name', 'pipeline')} (spark)",
        "inputs": [{"path": "${" + DRIVER_ENV + "}", "format": "auto"}],
        "steps": steps,
        "settings": settings,
    }
    parse_options = next((s.get("with") or {} for s in steps if isinstance(s, dict) and s.get("uses") == "parse"), {})
    return yaml.safe_dump(derived, sort_keys=False, allow_unicode=True), parse_options, on_error


# ---------------------------------------------------------------------------------------------------
# Units of work. A unit is a tuple, so it pickles small:
#   ("file", relative_path, bytes, original_path)                 handed over as a file
#   ("record", json_line, id, original_path, original_line, is_object)  handed over on stdin
#   ("html", html_text, id, original_path, original_line)      a Parquet html cell, as a file


def unit_id(unit):
    if unit[0] == "file":
        return os.path.splitext(unit[1])[0]
    return unit[2]


class BinaryFailed(Exception):
    """The binary refused to run at all (bad pipeline, bad usage, cannot start): a task failure for
    Spark to retry and report."""


class Child:
    """One `pipeline run` process, its output read line by line as the binary writes it.

    Records go to its stdin (the README's filter mode), written by `send` from another thread while
    `lines` reads stdout, so neither side waits for the other. Files (and Parquet html cells) are
    staged by `add` in a scratch folder before `start`, under their path relative to INPUT, so format
    detection, encodings and ids are those of `pipeline run` over INPUT. Each output line is matched
    back to its unit by the id the binary gives it.

        child = Child(binary, pipeline_file, jobs, records=True)
        child.start(); (a thread: child.send(unit) ...; child.close_input())
        for unit, line in child.lines(): ...
        problems, crash = child.finish()
    """

    def __init__(self, binary, pipeline_file, jobs, records):
        self.command = [binary, "run", pipeline_file, "--quiet", "--jobs", str(jobs)]
        self.scratch = tempfile.mkdtemp(prefix="pipeline-spark-")
        self.input_path = "-" if records else os.path.join(self.scratch, "in")
        self.units = {}    # place in the input (1-based) -> unit, until written
        self.waiting = {}  # the id the binary gives -> places of the unwritten units with that id
        self.count = 0
        self.lock = threading.Lock()
        self.proc = None

    def add(self, unit):
        """Registers a unit before the binary can see it (and stages it, for a file). Returns its place."""
        with self.lock:
            self.count += 1
            place = self.count
            self.units[place] = unit
            self.waiting.setdefault(self.given_id(unit, place), collections.deque()).append(place)
        if unit[0] != "record":
            target = os.path.join(self.input_path, staged_name(unit, place))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(unit[2] if unit[0] == "file" else unit[1].encode("utf-8"))
        return place

    @staticmethod
    def given_id(unit, place):
        if unit[0] == "record":
            # A line that is not a JSON object gets its line number on stdin as id.
            return unit[2] if unit[5] else str(place)
        return os.path.splitext(staged_name(unit, place))[0]

    def start(self):
        self.report_path = os.path.join(self.scratch, "report.json")
        self.stderr_path = os.path.join(self.scratch, "stderr.txt")
        env = dict(os.environ, **{DRIVER_ENV: self.input_path, "SWIFT_BACKTRACE": "enable=no"})
        os.makedirs(self.input_path if self.input_path != "-" else self.scratch, exist_ok=True)
        with open(self.stderr_path, "wb") as stderr:
            self.proc = subprocess.Popen(self.command + ["--report", self.report_path],
                                         stdin=subprocess.PIPE if self.input_path == "-" else subprocess.DEVNULL,
                                         stdout=subprocess.PIPE, stderr=stderr, env=env)

    def send(self, unit):
        """Hands a record to the running binary; raises BrokenPipeError once it has died."""
        self.add(unit)
        self.proc.stdin.write(unit[1].encode("utf-8") + b"\n")

    def close_input(self):
        self.proc.stdin.close()

    def lines(self):
        """(unit, output line with its origin put back) for each document, as the binary writes it."""
        for raw in self.proc.stdout:
            if not raw.endswith(b"}\n"):
                continue  # blank, or the last line of a run that died, cut short
            line = raw[:-1].decode("utf-8")
            written_id = document_id(line)
            with self.lock:
                places = self.waiting.get(written_id)
                if not places:
                    raise BinaryFailed(f"`pipeline run` wrote a document with id {written_id!r} that was not in its input")
                place = places.popleft()
                unit = self.units.pop(place)
            yield unit, restore_origin(line, unit, place, self.input_path)

    def finish(self):
        """Waits for the binary. Returns (problems, crash): the report's problems as OUTDIR/_rejected
        entries, and None, or (reason, the units given but not written) if the binary died."""
        returncode = self.proc.wait()
        with open(self.stderr_path, "rb") as f:
            f.seek(max(0, os.path.getsize(self.stderr_path) - MAX_STDERR))
            stderr = f.read().decode("utf-8", "replace").strip()
        unwritten = [self.units[p] for p in sorted(self.units)]
        if returncode < 0 or (returncode > 2 and returncode not in (64, 126, 127)):
            how = f"signal {signal.Signals(-returncode).name}" if returncode < 0 else f"exit status {returncode}"
            return [], (f"the pipeline binary died ({how}) on this document" + (f": {stderr}" if stderr else ""), unwritten)
        if returncode != 0 or not os.path.exists(self.report_path):
            raise BinaryFailed(f"`pipeline run` exited with status {returncode}: {stderr}")
        with open(self.report_path, encoding="utf-8") as f:
            reported = json.load(f).get("problems", [])
        problems = []
        for p in reported:
            places = self.waiting.get(p["document"])
            unit = self.units.pop(places.popleft()) if places else None
            problems.append({"id": unit_id(unit) if unit else p["document"],
                             "source": unit[3] if unit else p.get("source"), "step": p["step"], "reason": p["reason"]})
        for place in sorted(self.units):
            u = self.units[place]  # neither written nor reported: never dropped in silence
            problems.append({"id": unit_id(u), "source": u[3], "step": CRASH_STEP,
                             "reason": "the pipeline binary exited without writing or reporting this document"})
        return problems, None

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.scratch, ignore_errors=True)


def staged_name(unit, place):
    """Where a unit is staged in the child's input folder: a file under its relative path, an html cell by place."""
    return unit[1] if unit[0] == "file" else f"{place}.html"


def document_id(line):
    """The id of one output line, without decoding the whole document (the id is the second key)."""
    start = line.index('"id":') + 5
    value, _ = json.JSONDecoder().raw_decode(line, start)
    return value


def restore_origin(line, unit, place, input_path):
    """Puts back what the hand-over changed: the input path (and line), and the id of a staged HTML cell.

    The binary writes keys in a fixed order (docs/output-schema.md), so these are exact replacements."""
    kind = unit[0]
    if kind == "file":
        staged = json.dumps(input_path + "/", ensure_ascii=False)[1:-1]
        base = unit[3][: len(unit[3]) - len(unit[1])]
        return line.replace('"path":"' + staged, '"path":"' + json.dumps(base, ensure_ascii=False)[1:-1], 1)
    if kind == "record":
        old = f'"source":{{"format":"jsonl","path":"-","line":{place}}}'
        line_part = f',"line":{unit[4]}' if unit[4] else ""
        new = '"source":{"format":"jsonl","path":' + json.dumps(unit[3], ensure_ascii=False) + line_part + "}"
        return line.replace(old, new, 1)
    id_start = line.index('"id":')
    id_end = line.index(',"source":', id_start)
    line = line[:id_start] + '"id":' + json.dumps(unit[2], ensure_ascii=False) + line[id_end:]
    staged = json.dumps(os.path.join(input_path, staged_name(unit, place)), ensure_ascii=False)
    return line.replace('"path":' + staged, '"path":' + json.dumps(unit[3], ensure_ascii=False), 1)


def run_child(binary, pipeline_file, jobs, units, records):
    """One child over `units` (an iterator; records are sent from a writer thread as they come, files are
    staged first). Yields ("doc", line) as the binary writes, then ("problem", entry) for each rejected
    document, then ("crash", (reason, unwritten units, whether `units` was used up)) if the binary died."""
    child = Child(binary, pipeline_file, jobs, records)
    try:
        used_up = [False]
        failure = []
        if records:
            child.start()

            def write():
                try:
                    for unit in units:
                        child.send(unit)
                    used_up[0] = True
                    child.close_input()
                except (BrokenPipeError, ValueError, OSError):
                    pass  # the binary died: the reading side sees it
                except BaseException as error:  # the partition's own input failed: Spark's to retry
                    failure.append(error)
                    child.close()

            writer = threading.Thread(target=write, name="pipeline-spark-writer", daemon=True)
            writer.start()
        else:
            for unit in units:
                child.add(unit)
            used_up[0] = True
            child.start()
            writer = None
        for _, line in child.lines():
            yield "doc", line
        if writer:
            writer.join()
        if failure:
            raise failure[0]
        problems, crash = child.finish()
        for p in problems:
            yield "problem", p
        if crash:
            yield "crash", (crash[0], crash[1], used_up[0])
    finally:
        child.close()


def process_isolated(binary, pipeline_file, jobs, units):
    """Runs a list of units of one kind; when the binary dies, keeps what it wrote and runs the rest
    in halves until the document that kills it stands alone. Yields ("doc", line), ("problem", entry)."""
    crash = None
    unsent = iter(units)
    for kind, value in run_child(binary, pipeline_file, jobs, unsent, units[0][0] == "record"):
        if kind == "crash":
            crash = value
        else:
            yield kind, value
    if crash is None:
        return
    reason, stretch, _ = crash
    rest = stretch + list(unsent)
    if len(rest) == 1:
        yield "problem", {"id": unit_id(rest[0]), "source": rest[0][3], "step": CRASH_STEP, "reason": reason}
    elif rest:
        half = len(rest) // 2
        for part in (rest[:half], rest[half:]):
            yield from process_isolated(binary, pipeline_file, jobs, part)


def process_partition(binary, pipeline_file, jobs):
    """What each task runs: the partition's records stream through one long-lived `pipeline run` on
    stdin, its files through one `pipeline run` over a scratch folder. After a crash, only the failing
    stretch (the documents given to the binary but not written) is bisected, and a new child takes the
    rest of the partition. Yields (kind, value) with kind "doc", "rejected" or "crashed"."""

    def tagged(results):
        for kind, value in results:
            if kind == "doc":
                yield "doc", value
            else:
                yield ("crashed" if value["step"] == CRASH_STEP else "rejected"), json.dumps(value, ensure_ascii=False)

    def run(partition):
        from pyspark import SparkFiles

        path_binary, path_pipeline = SparkFiles.get(binary), SparkFiles.get(pipeline_file)
        files = []

        def records():
            for unit in partition:
                if unit[0] == "record":
                    yield unit
                else:
                    files.append(unit)  # staged after the records, for one run over a folder

        pending = records()
        first = next(pending, None)
        while first is not None:
            crash = None
            results = run_child(path_binary, path_pipeline, jobs, itertools.chain([first], pending), True)
            for kind, value in results:
                if kind == "crash":
                    crash = value
                else:
                    yield from tagged([(kind, value)])
            if crash is None:
                break
            reason, stretch, used_up = crash
            if stretch:
                yield from tagged(process_isolated(path_binary, path_pipeline, jobs, stretch))
            first = None if used_up else next(pending, None)
        if files:
            yield from tagged(process_isolated(path_binary, path_pipeline, jobs, files))

    return run


# ---------------------------------------------------------------------------------------------------
# Reading INPUT


def has_glob(path):
    return any(c in path for c in "*?[")


def glob_base(path):
    """The folder part of a glob before its first wildcard, as `pipeline run` uses for ids."""
    parts = []
    for part in path.split("/"):
        if has_glob(part):
            break
        parts.append(part)
    return "/".join(parts)


def local_path(uri):
    """file:/a/b -> /a/b, the form `pipeline run` writes; other schemes stay as they are."""
    if uri.startswith("file:///"):
        return uri[7:]
    if uri.startswith("file:/"):
        return uri[5:]
    return uri


def input_kind(path):
    """"jsonl", "parquet" or "files", from the extension of INPUT or of its files."""
    lower = path.lower().rstrip("/")
    for ext, kind in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".parquet", "parquet")):
        if lower.endswith(ext):
            return kind
    return "files"


def hadoop_path(sc, path):
    """(Hadoop Path, its FileSystem) for a local, HDFS, S3, ... path."""
    hadoop = sc._jvm.org.apache.hadoop.fs.Path(path)
    return hadoop, hadoop.getFileSystem(sc._jsc.hadoopConfiguration())


def qualified(sc, path):
    """A path's URI as Spark spells it (file:/..., hdfs://...)."""
    if ":" not in path.split("/")[0]:
        path = os.path.abspath(path)  # a local path: without "..", as Spark lists the files
    hadoop, fs = hadoop_path(sc, path)
    return fs.makeQualified(hadoop).toString()


def read_units(sc, session, path, parse_options, partitions):
    """The input as an RDD of units, in about `partitions` partitions, without a shuffle. `session()`
    gives the SparkSession, started only for inputs that need Spark SQL (files, Parquet)."""
    kind = input_kind(path)
    id_field = parse_options.get("id_field", "id")
    if kind == "jsonl" and not has_glob(path):
        # One JSON Lines file: Spark splits it by byte ranges, and the lines are numbered across the splits,
        # so ids and source lines are those of `pipeline run`.
        original = local_path(qualified(sc, path))
        lines = sc.textFile(path, minPartitions=partitions)
        before = lines_before_splits(sc, lines, original)
        if before is None:
            # zipWithIndex counts each split's lines first: a second pass over the input, through Python.
            numbered = lines.zipWithIndex().map(lambda pair: (pair[0], pair[1] + 1))
        else:
            numbered = lines.mapPartitionsWithIndex(lambda i, split: zip(split, itertools.count(before[i] + 1)))
        return numbered.flatMap(lambda pair: record_unit(pair[0], pair[1], original, None, id_field))
    if kind == "parquet":
        units = read_parquet(session(), path, parse_options)
    else:
        units = read_files(session(), path, id_field)
    # Small files are packed several to a partition by Spark already; merging neighbours needs no shuffle.
    return units.coalesce(partitions) if units.getNumPartitions() > partitions else units


def lines_before_splits(sc, lines, local):
    """How many lines of the file come before each split of `lines` (sc.textFile of `local`), counted by
    the driver in one read of the file, or None where tasks may run on other machines (not local mode)
    or the file is not on this one. Hadoop's line reader gives a line to the split it starts in, except
    that a split after the first skips through its first newline (that line, even one starting exactly
    at the split's start, belongs to the split before), so split i's first line follows the first
    newline at or after its start."""
    if not sc.master.startswith("local") or not os.path.isfile(local):
        return None
    starts = [p.inputSplit().value().getStart() for p in lines._jrdd.rdd().partitions()]
    before, seen, position = [], 0, 0
    with open(local, "rb") as f:
        for start in starts:
            if start == 0:
                before.append(0)
                continue
            while position < start:
                chunk = f.read(min(1 << 24, start - position))
                if not chunk:
                    break
                seen += chunk.count(b"\n")
                position += len(chunk)
            before.append(seen + 1)
    return before


def read_files(spark, path, id_field):
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    # A glob in the last part only (folder/*.txt, the usual case) is a filter on one folder's listing:
    # Spark would otherwise make each matching file a root of its own and check each one (minutes for
    # thousands). Like `pipeline run`'s glob, it matches files in that folder only, not below.
    flat = has_glob(path) and not has_glob(os.path.dirname(path))
    if flat:
        reader = reader.option("pathGlobFilter", os.path.basename(path))
    files = reader.load(os.path.dirname(path) if flat else path).select("path", "content").rdd
    base = glob_base(path) if has_glob(path) else path
    # The folder's URI, to cut relative paths (the ids) from.
    base_uri = qualified(spark.sparkContext, base).rstrip("/") + "/"

    def to_units(row):
        uri = row.path
        relative = uri[len(base_uri):] if uri.startswith(base_uri) else uri.rsplit("/", 1)[-1]
        if flat and "/" in relative:
            return
        original = local_path(uri)
        if relative.lower().endswith((".jsonl", ".ndjson")):
            file_id = os.path.splitext(relative)[0]
            for number, raw in enumerate(bytes(row.content).split(b"\n"), 1):
                yield from record_unit(raw.rstrip(b"\r").decode("utf-8", "replace"), number, original, file_id, id_field)
        else:
            yield ("file", relative, bytes(row.content), original)

    return files.flatMap(to_units)


def record_unit(line, number, original, file_id, id_field):
    """The unit of one JSON Lines line (none for a blank one); a record without an id gets the id
    `pipeline run` would give it: its line number, or `file-id:line` for a folder or glob of files."""
    if not line.strip():
        return
    fallback = str(number) if file_id is None else f"{file_id}:{number}"
    # The id is all the driver needs from a record; the rest is parsed by the binary.
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    if isinstance(record, dict):
        if record.get(id_field) is None:
            record[id_field] = fallback
            line = json.dumps(record, ensure_ascii=False)
        value = record[id_field]
        doc_id = value if isinstance(value, str) else json.dumps(value)
    else:
        # Not a JSON object: passed as it is, for the binary to reject with its own reason.
        doc_id = fallback
    yield ("record", line, doc_id, original, number, isinstance(record, dict))


def read_parquet(spark, path, parse_options):
    df = spark.read.parquet(path)
    text_field = parse_options.get("text_field", "text")
    id_field = parse_options.get("id_field", "id")
    columns = set(df.columns)
    if id_field not in columns or (text_field not in columns and "html" not in columns):
        sys.exit(f"pipeline_spark: {path}: Parquet input needs an `{id_field}` column and a `{text_field}` or `html` "
                 f"column (it has: {', '.join(sorted(columns))}); rename the columns or set parse's id_field/text_field")
    original = path

    def to_unit(row):
        record = row.asDict(recursive=True)
        doc_id = str(record[id_field])
        if text_field in record and record[text_field] is not None:
            line = json.dumps(record, ensure_ascii=False, default=str)
            return ("record", line, doc_id, original, 0, True)
        return ("html", record.get("html") or "", doc_id, original, 0)

    return df.rdd.map(to_unit)


# ---------------------------------------------------------------------------------------------------
# Parquet output: a Spark schema from docs/output.schema.json


def spark_schema(json_schema):
    """Structs for closed objects, maps of strings for free-form ones (non-string values as JSON text)."""
    from pyspark.sql import types as T

    defs = json_schema.get("$defs", {})

    def resolve(node):
        while "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        if "anyOf" in node:
            node = next(n for n in node["anyOf"] if n.get("type") != "null")
            return resolve(node)
        return node

    def convert(node):
        node = resolve(node)
        kind = node.get("type")
        if isinstance(kind, list):
            kind = next(k for k in kind if k != "null")
        if kind == "object" and node.get("additionalProperties") is False:
            return T.StructType([T.StructField(name, convert(child), True) for name, child in node["properties"].items()])
        if kind == "object":
            return T.MapType(T.StringType(), T.StringType())
        if kind == "array":
            return T.ArrayType(convert(node["items"]))
        if kind == "integer":
            return T.LongType()
        if kind == "number":
            return T.DoubleType()
        if kind == "boolean":
            return T.BooleanType()
        return T.StringType()

    return convert(json_schema)


def load_output_schema():
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "..", "docs", "output.schema.json"), os.path.join(here, "output.schema.json")):
        if os.path.exists(candidate):
            with open(candidate, encoding="utf-8") as f:
                return json.load(f)
    sys.exit("pipeline_spark: --format parquet needs docs/output.schema.json beside the driver "
             "(spark/../docs/ or the driver's folder); ship it with the driver")


# ---------------------------------------------------------------------------------------------------
# The driver


class PartitionOutcomes:
    """Accumulates {partition: (written, rejected lines, crashed)}; a partition's later entry replaces
    its earlier one (a task run again after a failure reports the same partition again)."""

    def zero(self, value):
        return {}

    def addInPlace(self, a, b):
        a.update(b)
        return a


def write_jsonl(sc, lines, folder):
    """Writes an RDD (or list) of JSON Lines to `folder`, replacing it, as part-NNNNN.jsonl files.

    Spark's own text output (its commit protocol: a retried task's attempt replaces the failed one),
    through the RDD API: Spark SQL is never started for JSON Lines in and out, which saves its start-up
    (seconds of JVM time, as much as the analysis of thousands of documents)."""
    path, fs = hadoop_path(sc, folder)
    if fs.exists(path):
        fs.delete(path, True)
    if isinstance(lines, list):
        lines = sc.parallelize(lines, 1)
    lines.saveAsTextFile(folder)
    for status in fs.listStatus(path):
        name = status.getPath().getName()
        if name.startswith("part-") and "." not in name:
            fs.rename(status.getPath(), sc._jvm.org.apache.hadoop.fs.Path(path, name + ".jsonl"))


def local_folder(sc, folder):
    """The local path of `folder` when every task can write it directly (local mode, a path on this
    machine), else None."""
    if not sc.master.startswith("local"):
        return None
    if folder.startswith("file:"):
        return local_path(folder)
    return None if ":" in folder.split("/")[0] else os.path.abspath(folder)


def write_jsonl_directly(sc, lines, folder):
    """In local mode, each task writes its partition's lines straight to `folder`/part-NNNNN.jsonl, the
    file names and `_SUCCESS` of Spark's text output, without sending them through the JVM (which
    decodes every line to a Java string and encodes it again: a quarter of the JVM's CPU for a
    20,000-document job). A task writes to `_temporary/` and renames its file into place when its
    partition is done, so a retried task replaces a failed attempt's file and a failed job leaves no
    part file that looks complete."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    temporary = os.path.join(folder, "_temporary")
    os.makedirs(temporary)

    def write(index, partition):
        from pyspark import TaskContext

        attempt = TaskContext.get().attemptNumber() if TaskContext.get() else 0
        name = f"part-{index:05d}.jsonl"
        staged = os.path.join(temporary, f"{name}.attempt-{attempt}")
        with open(staged, "wb") as out:
            for line in partition:
                out.write(line.encode("utf-8"))
                out.write(b"\n")
        os.replace(staged, os.path.join(folder, name))
        return []

    lines.mapPartitionsWithIndex(write).count()
    shutil.rmtree(temporary, ignore_errors=True)
    open(os.path.join(folder, "_SUCCESS"), "wb").close()


def write_local_lines(lines, folder):
    """The driver's own short list of lines as Spark's text output would hold it (part-00000.jsonl and
    `_SUCCESS`), written here in local mode: a Spark job for a handful of lines costs the JVM more
    (loading Hadoop's output classes) than the lines do."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    with open(os.path.join(folder, "part-00000.jsonl"), "wb") as out:
        for line in lines:
            out.write(line.encode("utf-8") + b"\n")
    open(os.path.join(folder, "_SUCCESS"), "wb").close()


def find_binary(given):
    if given:
        if not os.access(given, os.X_OK):
            sys.exit(f"pipeline_spark: --binary {given}: not an executable file; build it with `swift build -c release`")
        return os.path.abspath(given)
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "..", ".build", "release", "pipeline"), shutil.which("pipeline")):
        if candidate and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    sys.exit("pipeline_spark: no `pipeline` binary found (looked at .build/release/pipeline and PATH); "
             "build it with `swift build -c release` or pass --binary PATH")


def parse_args(argv):
    p = argparse.ArgumentParser(prog="pipeline_spark.py", description="Run a pipeline YAML over Apache Spark.")
    p.add_argument("--pipeline", required=True, help="the pipeline file (YAML); its analysis steps are run")
    p.add_argument("--input", required=True, help="a folder or glob of files, JSON Lines, or Parquet (local, HDFS, S3)")
    p.add_argument("--output", required=True, help="the output folder; replaced if it exists")
    p.add_argument("--binary", help="the `pipeline` binary for the executors' platform (default: .build/release/pipeline)")
    p.add_argument("--partitions", type=int, help="partitions to split the documents into (default: 2 per core)")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl", help="output format (default jsonl)")
    args = p.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    from pyspark import SparkConf, SparkContext, SparkFiles

    sc = SparkContext.getOrCreate(SparkConf().setAppName(f"pipeline {os.path.basename(args.pipeline)}"))
    sc.setLogLevel(os.environ.get("PIPELINE_SPARK_LOG_LEVEL", "WARN"))
    sessions = []

    def session():
        """Spark SQL, for the inputs and outputs that need it (files, Parquet), started once."""
        if not sessions:
            from pyspark.sql import SparkSession

            sessions.append(SparkSession(sc))
        return sessions[0]

    def shipped(path):
        """A file given with spark-submit --files (cluster mode) is found by its name."""
        if os.path.exists(path):
            return path
        candidate = SparkFiles.get(os.path.basename(path))
        return candidate if os.path.exists(candidate) else path

    binary = find_binary(shipped(args.binary) if args.binary else None)
    args.pipeline = shipped(args.pipeline)
    if not os.path.exists(args.pipeline):
        sys.exit(f"pipeline_spark: --pipeline {args.pipeline}: no such file (give a local path, or ship it with --files)")
    jobs = int(sc.getConf().get("spark.task.cpus", "1"))
    derived, parse_options, on_error = derive_pipeline(args.pipeline, jobs)

    work = tempfile.mkdtemp(prefix="pipeline-spark-driver-")
    derived_path = os.path.join(work, "spark-pipeline.yaml")
    with open(derived_path, "w", encoding="utf-8") as f:
        f.write(derived)
    # Refuse a bad pipeline here, with the binary's own FILE:LINE:COLUMN messages, not on every executor.
    check = subprocess.run([binary, "validate", derived_path], env=dict(os.environ, **{DRIVER_ENV: "-"}),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if check.returncode != 0:
        sys.exit(f"pipeline_spark: the pipeline's analysis steps do not validate:\n{check.stdout.decode()}")
    sc.addFile(binary)
    # The lexicons and the entity model are resource bundles the binary finds beside itself (a copied
    # binary falls back to the folder it was built in, which executors on other machines do not have).
    for bundle in sorted(glob.glob(os.path.join(os.path.dirname(binary), "*.resources"))):
        sc.addFile(bundle, recursive=True)
    sc.addFile(derived_path)

    partitions = args.partitions or sc.defaultParallelism * 2
    units = read_units(sc, session, args.input, parse_options, partitions)
    # Rejections and counts come back beside the documents, one entry per partition, so a task that
    # Spark runs again replaces its entry instead of counting twice.
    outcomes = sc.accumulator({}, PartitionOutcomes())
    run = process_partition(os.path.basename(binary), "spark-pipeline.yaml", jobs)

    def partition(index, units):
        written, rejected, crashed = 0, [], 0
        for kind, value in run(units):
            if kind == "doc":
                written += 1
                yield value
            else:
                rejected.append(value)
                crashed += kind == "crashed"
        outcomes.add({index: (written, rejected, crashed)})

    docs = units.mapPartitionsWithIndex(partition)
    direct_output = args.format == "jsonl" and local_folder(sc, args.output)
    if args.format == "parquet":
        from pyspark.sql.functions import col, from_json

        spark = session()
        schema = spark_schema(load_output_schema())
        frame = spark.createDataFrame(docs.map(lambda line: (line,)), "value string", verifySchema=False)
        frame.select(from_json(col("value"), schema).alias("d")).select("d.*").write.mode("overwrite").parquet(args.output)
    elif direct_output:
        write_jsonl_directly(sc, docs, direct_output)
    else:
        write_jsonl(sc, docs, args.output)
    written = sum(o[0] for o in outcomes.value.values())
    rejected = sorted(line for o in outcomes.value.values() for line in o[1])
    crashed = sum(o[2] for o in outcomes.value.values())
    rejected_path = args.output.rstrip("/") + "/_rejected"
    if direct_output:
        write_local_lines(rejected, os.path.join(direct_output, "_rejected"))
    else:
        write_jsonl(sc, rejected, rejected_path)
    shutil.rmtree(work, ignore_errors=True)
    print(f"pipeline_spark: {written + len(rejected)} documents read, {written} written, {len(rejected)} rejected "
          f"({crashed} of them crashed the binary); output in {args.output}, rejected documents in "
          f"{rejected_path}", file=sys.stderr)
    sc.stop()
    if on_error == "fail" and rejected:
        print("pipeline_spark: the pipeline says on_error: fail and documents were rejected: exit 1", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
