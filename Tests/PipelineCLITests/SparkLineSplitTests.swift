import Foundation
import Testing
import TestSupport

/// The Spark driver's own reading of a JSON Lines file in local mode (spark/pipeline_spark.py: each task
/// reads a range of whole lines, numbered by the driver): every line comes once, with the number
/// `pipeline run` gives it, whatever the number of ranges. Runs the driver's functions in python3 (no
/// Spark needed); the whole driver against `pipeline run` is scripts/check-spark.sh.
@Suite struct SparkLineSplitTests {
    static let probe = """
        import importlib.util, json, sys
        spec = importlib.util.spec_from_file_location("driver", sys.argv[1])
        driver = importlib.util.module_from_spec(spec); spec.loader.exec_module(driver)
        path, parts = sys.argv[2], int(sys.argv[3])
        print(json.dumps([line for split in driver.local_line_splits(path, parts) for line in driver.read_line_split(path, split)]))
        """

    func lines(of content: [UInt8], parts: Int) throws -> [[String]] {
        let dir = try FileManager.default.temporaryFolder()
        let file = dir.appendingPathComponent("in.jsonl")
        try Data(content).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.probe,
                             SharedData.repositoryRoot.appendingPathComponent("spark/pipeline_spark.py").path, file.path, String(parts)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let pairs = try #require(try JSONSerialization.jsonObject(with: data) as? [[Any]])
        return pairs.map { ["\($0[0])", "\($0[1])"] }
    }

    @Test(arguments: [1, 2, 3, 7, 40])
    func everyLineComesOnceWithItsLineNumberWhateverTheNumberOfRanges(parts: Int) throws {
        var content = ""
        var expected: [[String]] = []
        for n in 1...30 {
            let line = n % 7 == 0 ? "" : "{\"id\": \"d\(n)\", \"text\": \"Überall \(n).\"}"
            content += line + (n % 5 == 0 ? "\r\n" : "\n")   // "\r\n" ends a line as "\n" does
            expected.append([line, String(n)])
        }
        content += "{\"id\": \"last\"}"   // no newline at the end
        expected.append(["{\"id\": \"last\"}", "31"])
        let got = try lines(of: Array(content.utf8), parts: parts)
        #expect(got == expected)
    }

    @Test func bytesThatAreNotUTF8AreReplacedNotFatal() throws {
        let got = try lines(of: Array("{\"id\": \"a\"}\n".utf8) + [0x7B, 0xFF, 0x7D, 0x0A], parts: 2)
        #expect(got == [["{\"id\": \"a\"}", "1"], ["{\u{FFFD}}", "2"]])
    }
}
