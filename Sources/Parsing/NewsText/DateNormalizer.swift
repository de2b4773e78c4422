import Foundation

/// Reads the date forms found in news headers and returns ISO 8601.
///
/// Accepted: "2019-04-29", "2019/04/29", "2019-04-29 00:00:00", "2019-04-29T10:30:00Z",
/// "March 14, 2026", "Mar. 14, 2026 10:30 AM", "Tuesday, March 14, 2026", "14 March 2026 09:30 GMT".
/// Numeric day/month orders ("03/04/2026") are ambiguous and are not guessed. Header lines are short,
/// so this works on Strings rather than a byte scanner.
///
/// ```swift
/// DateNormalizer.iso("2019-04-29 00:00:00")     // "2019-04-29T00:00:00"
/// DateNormalizer.iso("March 14, 2026")          // "2026-03-14"
/// ```
enum DateNormalizer {
    static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        var table: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            table[name] = i + 1
            table[String(name.prefix(3))] = i + 1
        }
        table["sept"] = 9
        return table
    }()

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]

    /// The ISO 8601 form of `raw`, or nil when it is not a date this reader knows.
    static func iso(_ raw: String) -> String? {
        let s = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t,."))
        guard !s.isEmpty, s.utf8.count < 80 else { return nil }
        if let numeric = isoNumeric(s) { return numeric }
        return isoWritten(s)
    }

    /// "2019-04-29", "2019/04/29", with an optional "[T ]HH:MM[:SS][Z|±HH:MM]".
    static func isoNumeric(_ s: String) -> String? {
        let b = Array(s.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<from + count {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let year = digits(0, 4), b.count >= 10, b[4] == b[7], b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/"),
              let month = digits(5, 2), let day = digits(8, 2), valid(year, month, day) else { return nil }
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        guard b.count > 10 else { return date }
        guard b[10] == UInt8(ascii: "T") || b[10] == 0x20,
              let time = isoTime(String(decoding: b[11...], as: UTF8.self)) else {
            return b.count <= 10 ? date : (b[10] == 0x20 ? date : nil)
        }
        return date + "T" + time
    }

    /// "HH:MM[:SS][.fff]" with an optional "Z", "±HH:MM", "AM/PM", "GMT"/"UTC"; nil if it is not a time.
    static func isoTime(_ raw: String) -> String? {
        var words = raw.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard !words.isEmpty else { return nil }
        var clock = words.removeFirst()
        var zone = ""
        if clock.hasSuffix("z") { clock.removeLast(); zone = "Z" }
        if let sign = clock.lastIndex(where: { $0 == "+" || $0 == "-" }), clock.distance(from: clock.startIndex, to: sign) >= 4 {
            zone = String(clock[sign...])
            clock = String(clock[..<sign])
        }
        for suffix in ["am", "pm", "a.m.", "p.m."] where clock.hasSuffix(suffix) {
            words.insert(suffix, at: 0)
            clock.removeLast(suffix.count)
        }
        let parts = clock.split(separator: ":")
        guard parts.count >= 2, parts.count <= 3,
              var hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        let second = parts.count == 3 ? Int(parts[2].prefix(2)) : 0
        guard let second, second < 60 else { return nil }
        for word in words {
            switch word {
            case "pm", "p.m.", "p.m": if hour < 12 { hour += 12 }
            case "am", "a.m.", "a.m": if hour == 12 { hour = 0 }
            case "gmt", "utc", "z": zone = "Z"
            default: break
            }
        }
        return pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) + zone
    }

    /// "March 14, 2026", "14 March 2026", "Tuesday, Mar. 14, 2026 10:30 AM".
    static func isoWritten(_ s: String) -> String? {
        var words = s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { String($0) }
        if let first = words.first, weekdays.contains(first.lowercased().trimmingCharacters(in: ["."])) { words.removeFirst() }
        guard words.count >= 3 else { return nil }
        func month(_ w: String) -> Int? { months[w.lowercased().trimmingCharacters(in: ["."])] }
        func number(_ w: String) -> Int? {
            Int(w.lowercased().replacingOccurrences(of: "st", with: "").replacingOccurrences(of: "nd", with: "")
                .replacingOccurrences(of: "rd", with: "").replacingOccurrences(of: "th", with: ""))
        }
        var year = 0, monthValue = 0, day = 0
        if let m = month(words[0]), let d = number(words[1]), let y = Int(words[2]) {
            (year, monthValue, day) = (y, m, d)
        } else if let d = number(words[0]), let m = month(words[1]), let y = Int(words[2]) {
            (year, monthValue, day) = (y, m, d)
        } else {
            return nil
        }
        guard year >= 1000, year < 3000, valid(year, monthValue, day) else { return nil }
        let date = pad(year, 4) + "-" + pad(monthValue, 2) + "-" + pad(day, 2)
        let rest = words.dropFirst(3).filter { $0 != "at" && $0 != "-" && $0 != "|" }
        if !rest.isEmpty, let time = isoTime(rest.joined(separator: " ")) { return date + "T" + time }
        return date
    }

    static func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
        year >= 1000 && (1...12).contains(month) && (1...31).contains(day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
