"""Run a pipeline YAML over Apache Spark: the same `pipeline` binary, the same analysis, many machines.

    spark-submit spark/pipeline_spark.py --pipeline CONFIG.yaml --input INPUT --output OUTDIR \
        [--binary PATH] [--partitions N] [--format jsonl|parquet] [--batch-size N]

The driver ships the `pipeline` binary and a derived pipeline file to the executors. The derived file
keeps CONFIG's analysis steps and settings; its inputs become one input the executor points at its
batch, and its export steps become one JSON Lines export to stdout. Each partition is piped through
`pipeline run` in batches:

- files (text, news, HTML, Markdown) are handed over as files in a scratch folder, under their path
  relative to INPUT, so format detection, encodings and ids are exactly those of `pipeline run` over
  INPUT (id: the path relative to the input folder, without extension);
- JSON Lines and Parquet records go through stdin, the README's filter mode (input "-", export "-");
  a record's id is its `id` field, else what `pipeline run` gives a JSON Lines line (`12`, or
  `file-id:12` for a folder or glob). A Parquet `html` column is handed over as an HTML file, so it is
  read as a page, not as text.

OUTDIR gets JSON Lines part files (or Parquet) in docs/output.schema.json's form; rejected documents go
to OUTDIR/_rejected, one JSON object a line with id, source, step and reason. A document that makes the
binary die (a crash, not a rejection) is found by splitting its batch in halves until it stands alone,
and rejected with the signal and the binary's last words; the rest of its batch is processed.
docs/scale-out.md has the full guide.
"""

import argparse
import glob as globmodule
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

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


class BinaryCrashed(Exception):
    def __init__(self, reason, lines):
        super().__init__(reason)
        self.reason = reason
        self.lines = lines


class BinaryFailed(Exception):
    """The binary refused to run at all (bad pipeline, bad usage): a task failure for Spark to report."""


def run_binary(binary, pipeline_file, units, jobs):
    """One `pipeline run` over a batch of units of one kind (records, or files).

    Returns (lines, problems): lines as (unit index, output line) in input order, problems as dicts for
    OUTDIR/_rejected. Raises BinaryCrashed with the lines written before the binary died."""
    scratch = tempfile.mkdtemp(prefix="pipeline-spark-")
    try:
        stdin = b""
        staged = []  # (id the binary gives, unit) in input order
        if units[0][0] == "record":
            input_path = "-"
            stdin = ("\n".join(u[1] for u in units) + "\n").encode("utf-8")
            # A line that is not a JSON object gets its stdin line number as id from the binary.
            staged = [(u[2] if u[5] else str(n), u) for n, u in enumerate(units, 1)]
        else:
            input_path = os.path.join(scratch, "in")
            os.makedirs(input_path)
            for n, u in enumerate(units):
                relative = u[1] if u[0] == "file" else f"{n}.html"
                target = os.path.join(input_path, relative)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(u[2] if u[0] == "file" else u[1].encode("utf-8"))
                staged.append((os.path.splitext(relative)[0], u))
        report_path = os.path.join(scratch, "report.json")
        env = dict(os.environ, **{DRIVER_ENV: input_path, "SWIFT_BACKTRACE": "enable=no"})
        proc = subprocess.run([binary, "run", pipeline_file, "--quiet", "--jobs", str(jobs), "--report", report_path],
                              input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        # Each output line goes back to its unit by id; units sharing an id are taken in input order.
        waiting = {}
        for index, (staged_id, _) in enumerate(staged):
            waiting.setdefault(staged_id, []).append(index)
        lines = []
        for raw in proc.stdout.split(b"\n"):
            if not raw.endswith(b"}"):
                continue  # empty, or the last line of a crashed run, cut short
            line = raw.decode("utf-8")
            written_id = document_id(line)
            if not waiting.get(written_id):
                raise BinaryFailed(f"`pipeline run` wrote a document with id {written_id!r} that was not in its input")
            index = waiting[written_id].pop(0)
            lines.append((index, restore_origin(line, staged[index][1], index + 1, input_path)))
        stderr = proc.stderr.decode("utf-8", "replace")[-MAX_STDERR:].strip()
        if proc.returncode < 0 or (proc.returncode > 2 and proc.returncode != 64):
            how = f"signal {signal.Signals(-proc.returncode).name}" if proc.returncode < 0 else f"exit status {proc.returncode}"
            raise BinaryCrashed(f"the pipeline binary died ({how}) on this document" + (f": {stderr}" if stderr else ""), lines)
        if proc.returncode != 0 or not os.path.exists(report_path):
            raise BinaryFailed(f"`pipeline run` exited with status {proc.returncode}: {stderr}")
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        by_id = {staged_id: u for staged_id, u in staged}
        problems = []
        for p in report.get("problems", []):
            unit = by_id.get(p["document"])
            problems.append({
                "id": unit_id(unit) if unit else p["document"],
                "source": unit[3] if unit else p.get("source"),
                "step": p["step"],
                "reason": p["reason"],
            })
        return lines, problems
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def document_id(line):
    """The id of one output line, without decoding the whole document (the id is the second key)."""
    start = line.index('"id":') + 5
    value, _ = json.JSONDecoder().raw_decode(line, start)
    return value


def restore_origin(line, unit, n, input_path):
    """Puts back what the hand-over changed: the input path (and line), and the id of a staged HTML cell.

    The binary writes keys in a fixed order (docs/output-schema.md), so these are exact replacements."""
    kind = unit[0]
    if kind == "file":
        staged = json.dumps(input_path + "/", ensure_ascii=False)[1:-1]
        base = unit[3][: len(unit[3]) - len(unit[1])]
        return line.replace('"path":"' + staged, '"path":"' + json.dumps(base, ensure_ascii=False)[1:-1], 1)
    if kind == "record":
        old = f'"source":{{"format":"jsonl","path":"-","line":{n}}}'
        line_part = f',"line":{unit[4]}' if unit[4] else ""
        new = '"source":{"format":"jsonl","path":' + json.dumps(unit[3], ensure_ascii=False) + line_part + "}"
        return line.replace(old, new, 1)
    id_start = line.index('"id":')
    id_end = line.index(',"source":', id_start)
    line = line[:id_start] + '"id":' + json.dumps(unit[2], ensure_ascii=False) + line[id_end:]
    staged = json.dumps(os.path.join(input_path, f"{n - 1}.html"), ensure_ascii=False)
    return line.replace('"path":' + staged, '"path":' + json.dumps(unit[3], ensure_ascii=False), 1)


def process_isolated(binary, pipeline_file, units, jobs):
    """Runs a batch; when the binary dies, keeps what it finished and splits the rest until the
    document that kills it stands alone. Returns (lines, problems)."""
    try:
        lines, problems = run_binary(binary, pipeline_file, units, jobs)
        return [line for _, line in lines], problems
    except BinaryCrashed as crash:
        done = {i for i, _ in crash.lines}
        rest = [u for i, u in enumerate(units) if i not in done]
        lines = [line for _, line in crash.lines]
        problems = []
        if not rest:
            return lines, problems  # it died after writing every document
        if len(rest) == 1:
            u = rest[0]
            problems.append({"id": unit_id(u), "source": u[3], "step": CRASH_STEP, "reason": crash.reason})
            return lines, problems
        half = len(rest) // 2
        for part in (rest[:half], rest[half:]):
            more_lines, more_problems = process_isolated(binary, pipeline_file, part, jobs)
            lines += more_lines
            problems += more_problems
        return lines, problems


def process_partition(binary, pipeline_file, batch_size, jobs):
    def run(units):
        batch = []
        for unit in units:
            batch.append(unit)
            if len(batch) >= batch_size:
                yield from finish(batch)
                batch = []
        if batch:
            yield from finish(batch)

    def finish(batch):
        from pyspark import SparkFiles

        # Records go on stdin, files into a folder: one run each.
        for kind in ({"record"}, {"file", "html"}):
            units = [u for u in batch if u[0] in kind]
            if not units:
                continue
            lines, problems = process_isolated(SparkFiles.get(binary), SparkFiles.get(pipeline_file), units, jobs)
            for line in lines:
                yield ("doc", line)
            for p in problems:
                yield ("crashed" if p["step"] == CRASH_STEP else "rejected", json.dumps(p, ensure_ascii=False))

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


def input_kind(spark, path):
    """"jsonl", "parquet" or "files", from the extension of INPUT or of its files."""
    lower = path.lower().rstrip("/")
    for ext, kind in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".parquet", "parquet")):
        if lower.endswith(ext):
            return kind
    return "files"


def read_units(spark, path, parse_options):
    kind = input_kind(spark, path)
    if kind == "parquet":
        return read_parquet(spark, path, parse_options)
    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path)
             .select("path", "content").rdd)
    if has_glob(path):
        base = glob_base(path)
    elif kind == "jsonl":
        base = None
    else:
        base = path
    base_uri = None
    if base is not None and ":" not in base.split("/")[0]:
        base = os.path.abspath(base)  # a local path: without "..", as Spark lists the files
    if base is not None:
        # The folder's URI as Spark spells it (file:/..., hdfs://...), to cut relative paths from.
        hadoop = spark._jvm.org.apache.hadoop.fs.Path(base)
        fs = hadoop.getFileSystem(spark._jsc.hadoopConfiguration())
        base_uri = fs.makeQualified(hadoop).toString().rstrip("/") + "/"
    single = kind == "jsonl" and not has_glob(path)
    id_field = parse_options.get("id_field", "id")

    def to_units(row):
        uri = row.path
        relative = uri[len(base_uri):] if base_uri and uri.startswith(base_uri) else uri.rsplit("/", 1)[-1]
        original = local_path(uri)
        if relative.lower().endswith((".jsonl", ".ndjson")):
            file_id = None if single else os.path.splitext(relative)[0]
            yield from jsonl_units(bytes(row.content), original, file_id, id_field)
        else:
            yield ("file", relative, bytes(row.content), original)

    return files.flatMap(to_units)


def jsonl_units(content, original, file_id, id_field):
    """One unit per non-blank line; a record without an id gets the id `pipeline run` would give it."""
    for number, raw in enumerate(content.split(b"\n"), 1):
        line = raw.rstrip(b"\r").decode("utf-8", "replace")
        if not line.strip():
            continue
        fallback = str(number) if file_id is None else f"{file_id}:{number}"
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


def name_parts_jsonl(spark, folder):
    """Spark's text writer names its files part-*.txt; these hold JSON Lines, so say so."""
    jvm = spark._jvm
    path = jvm.org.apache.hadoop.fs.Path(folder)
    fs = path.getFileSystem(spark._jsc.hadoopConfiguration())
    for status in fs.listStatus(path):
        name = status.getPath().getName()
        if name.startswith("part-") and name.endswith(".txt"):
            fs.rename(status.getPath(), jvm.org.apache.hadoop.fs.Path(path, name[:-4] + ".jsonl"))


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
    p.add_argument("--batch-size", type=int, default=1000,
                   help="documents per `pipeline run` (default 1000); smaller batches lose less work to a crash")
    args = p.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    if args.batch_size < 1:
        p.error("--batch-size must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    from pyspark import SparkFiles, StorageLevel
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName(f"pipeline {os.path.basename(args.pipeline)}").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("PIPELINE_SPARK_LOG_LEVEL", "WARN"))

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
    sc.addFile(derived_path)

    units = read_units(spark, args.input, parse_options)
    partitions = args.partitions or sc.defaultParallelism * 2
    units = units.repartition(partitions)
    results = units.mapPartitions(process_partition(os.path.basename(binary), "spark-pipeline.yaml",
                                                    args.batch_size, jobs))
    # Cached in the JVM, so the writes and counts below do not send the documents through Python again.
    frame = spark.createDataFrame(results, "kind string, value string").persist(StorageLevel.MEMORY_AND_DISK)
    docs = frame.where("kind = 'doc'").select("value")
    if args.format == "parquet":
        from pyspark.sql.functions import col, from_json

        schema = spark_schema(load_output_schema())
        docs.select(from_json(col("value"), schema).alias("d")).select("d.*").write.mode("overwrite").parquet(args.output)
    else:
        docs.write.mode("overwrite").text(args.output)
        name_parts_jsonl(spark, args.output)
    rejected_path = args.output.rstrip("/") + "/_rejected"
    frame.where("kind != 'doc'").select("value").write.mode("overwrite").text(rejected_path)

    totals = {"doc": 0, "rejected": 0, "crashed": 0}
    for row in frame.groupBy("kind").count().collect():
        totals[row["kind"]] = row["count"]
    frame.unpersist()
    shutil.rmtree(work, ignore_errors=True)
    bad = totals["rejected"] + totals["crashed"]
    print(f"pipeline_spark: {totals['doc'] + bad} documents read, {totals['doc']} written, {bad} rejected "
          f"({totals['crashed']} of them crashed the binary); output in {args.output}, rejected documents in "
          f"{rejected_path}", file=sys.stderr)
    spark.stop()
    if on_error == "fail" and bad > 0:
        print("pipeline_spark: the pipeline says on_error: fail and documents were rejected: exit 1", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
