import PipelineKit

/// Finds DATE, TIME, MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL mentions by walking tokens.
///
/// Each rule tests hashed words against `WordTables`, so there is no per-token regex.
/// "40 percent" PERCENT, "$3.2 million" MONEY, "1.1 million barrels a day" QUANTITY, "April 15" DATE,
/// "on Monday" DATE "Monday", "last year" DATE; dates get `attributes["value"]` from `DateResolver`.
struct NumberRecognizer {
    private static let h_us = PhraseHash.of("us", lowercase: true)
    private static let h_percentage = PhraseHash.of("percentage", lowercase: true)
    private static let h_points = PhraseHash.of("points", lowercase: true)
    private static let h_per = PhraseHash.of("per", lowercase: true)
    private static let h_cent = PhraseHash.of("cent", lowercase: true)
    let view: EntityTokens
    let dates: DateResolver

    func candidates() -> [Candidate] {
        var out: [Candidate] = []
        var i = 0
        while i < view.count {
            guard mayStart(i) else { i += 1; continue }
            if let c = date(at: i) ?? amount(at: i) {
                out.append(c)
                i = c.hi
            } else {
                i += 1
            }
        }
        return out
    }

    /// One cheap test before the rules: digits, symbols, capitalized words (months, weekdays) and the few
    /// lowercase words that can start a number or date.
    private func mayStart(_ i: Int) -> Bool {
        let b = view.firstByte(i)
        if b >= 0x61 && b <= 0x7A { return WordTables.lowercaseStarters.contains(view.lower(i)) }
        return true
    }

    // MARK: numbers

    /// A digit token, or a lowercase number word ("two").
    private func isNumeral(_ i: Int) -> Bool {
        guard i < view.count else { return false }
        if view.isDigit(view.firstByte(i)) { return true }
        return view.kind(i) == .word && WordTables.numberWords[view.lower(i)] != nil
    }

    private func isDigitToken(_ i: Int) -> Bool { i < view.count && view.isDigit(view.firstByte(i)) }

    /// The integer value of an all-digit token, or nil.
    private func intValue(_ i: Int) -> Int? {
        guard i < view.count, view.length(i) <= 9 else { return nil }
        var v = 0
        for k in 0..<view.length(i) {
            let b = view.byte(i, k)
            guard view.isDigit(b) else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    /// End of a number phrase starting at i: "3.2 million", "two hundred", "1,000". Nil if i is no numeral.
    private func numberEnd(_ i: Int) -> Int? {
        guard isNumeral(i) else { return nil }
        var j = i + 1
        // "1" "," "000" when the tokenizer split thousands.
        while j + 1 < view.count, view.isByte(j, ","), !view.gapBefore(j), !view.gapBefore(j + 1),
              isDigitToken(j + 1), view.length(j + 1) == 3 { j += 2 }
        while j < view.count, view.kind(j) == .word, WordTables.scales[view.lower(j)] != nil || (WordTables.numberWords[view.lower(j)] != nil && view.isLower(j)) {
            // "m"/"k" only glued to the number ("3.2m") or after a space when not a word on its own.
            j += 1
        }
        return j
    }

    private func lastByte(_ i: Int) -> UInt8 { view.byte(i, view.length(i) - 1) }

    private func amount(at i: Int) -> Candidate? {
        // Currency before the amount: "$3.2 million", "US$ 5", "£40".
        if WordTables.currencyPrefixes.contains(view.lower(i)) || (view.isByte(i, "$")) {
            var n = i + 1
            if n < view.count, view.isByte(n, "$") { n += 1 }   // "US" "$"
            if let e = numberEnd(n), isDigitToken(n) || e > n + 1 {
                return Candidate(lo: i, hi: e, view: view, label: .money, priority: 2)
            }
            return nil
        }
        // "US" "$" "5"
        if view.lower(i) == Self.h_us, i + 2 < view.count, view.isByte(i + 1, "$"), let e = numberEnd(i + 2) {
            return Candidate(lo: i, hi: e, view: view, label: .money, priority: 2)
        }
        guard let e = numberEnd(i) else {
            if view.kind(i) == .word, WordTables.ordinals.contains(view.lower(i)), view.isLower(i) || view.sentenceInitial[i] {
                return Candidate(lo: i, hi: i + 1, view: view, label: .ordinal, priority: 2)
            }
            return nil
        }
        // A number word standing alone before a capitalized name is usually part of the name ("Ocean's Eleven"); skip capitalized ones mid-sentence.
        if !isDigitToken(i) && view.isCapitalized(i) && !view.sentenceInitial[i] { return nil }
        // Glued percent: "40%".
        if isDigitToken(i), lastByte(i) == 0x25 { return Candidate(lo: i, hi: i + 1, view: view, label: .percent, priority: 2) }
        if e < view.count {
            let w = view.lower(e)
            if WordTables.percentWords.contains(w) {
                var hi = e + 1
                if w == Self.h_percentage {
                    guard hi < view.count, view.lower(hi) == Self.h_points else { return nil }
                    hi += 1
                }
                return Candidate(lo: i, hi: hi, view: view, label: .percent, priority: 2)
            }
            if w == Self.h_per, e + 1 < view.count, view.lower(e + 1) == Self.h_cent {
                return Candidate(lo: i, hi: e + 2, view: view, label: .percent, priority: 2)
            }
            if WordTables.currencyWords.contains(w), view.kind(e) == .word, view.isLower(e) || view.isAllCaps(e) {
                return Candidate(lo: i, hi: e + 1, view: view, label: .money, priority: 2)
            }
            if WordTables.units.contains(w) {
                var hi = e + 1
                // "cubic metres", "square kilometres"
                if hi < view.count, WordTables.units.contains(view.lower(hi)), view.gapBefore(hi) { hi += 1 }
                // "barrels a day", "barrels per day"
                if hi + 1 < view.count, WordTables.rateWords.contains(view.lower(hi)), WordTables.ratePeriods.contains(view.lower(hi + 1)) {
                    hi += 2
                } else if hi + 1 < view.count, view.isByte(hi, "/"), WordTables.ratePeriods.contains(view.lower(hi + 1)) {
                    hi += 2
                }
                return Candidate(lo: i, hi: hi, view: view, label: .quantity, priority: 2)
            }
            // Times: "10 a.m.", "3:30 pm".
            if isDigitToken(i), view.length(e) <= 4, WordTables.timeSuffixes.contains(timeSuffixHash(e)) {
                var hi = e + 1
                if hi < view.count, view.isByte(hi, "."), !view.gapBefore(hi), view.text(e).hasSuffix(".m") { hi += 1 }
                return Candidate(lo: i, hi: hi, view: view, label: .time, priority: 2)
            }
        }
        if isDigitToken(i), view.length(i) >= 3, containsColon(i) {
            return Candidate(lo: i, hi: i + 1, view: view, label: .time, priority: 2)
        }
        // Ordinals in digits: "21st", "3rd".
        if isDigitToken(i), view.length(i) >= 3 {
            let a = view.byte(i, view.length(i) - 2) | 0x20, b = lastByte(i) | 0x20
            if (a == 0x73 && b == 0x74) || (a == 0x6E && b == 0x64) || (a == 0x72 && b == 0x64) || (a == 0x74 && b == 0x68) {
                return Candidate(lo: i, hi: i + 1, view: view, label: .ordinal, priority: 2)
            }
        }
        // Bare years after a preposition: "in 2019", "since 1979".
        if e == i + 1, let y = intValue(i), (1800...2100).contains(y), view.length(i) == 4 {
            if i > 0, WordTables.yearPrepositions.contains(view.lower(i - 1)) || (i + 1 < view.count && view.isByte(i + 1, ",")) || view.sentenceInitial[i] {
                return Candidate(lo: i, hi: i + 1, view: view, label: .date, priority: 2, attributes: ["value": String(y)])
            }
        }
        return Candidate(lo: i, hi: e, view: view, label: .cardinal, priority: 2)
    }

    private func timeSuffixHash(_ i: Int) -> UInt64 {
        // "a.m." may arrive as "a.m." or "a.m" + "."; compare without the final period.
        var s = view.text(i).lowercased()
        if s.hasSuffix(".") { s.removeLast() }
        return PhraseHash.of(s, lowercase: true)
    }

    private func containsColon(_ i: Int) -> Bool {
        for k in 0..<view.length(i) where view.byte(i, k) == 0x3A { return true }
        return false
    }

    // MARK: dates

    private func month(_ i: Int) -> Int? {
        guard i < view.count, view.kind(i) == .word, view.isCapitalized(i), let m = WordTables.months[view.lower(i)] else { return nil }
        return m
    }

    /// Skips a period glued to an abbreviation ("Sept.") and a following comma.
    private func skip(_ j: Int, _ c: Unicode.Scalar) -> Int { j < view.count && view.isByte(j, c) ? j + 1 : j }

    private func dayNumber(_ i: Int) -> Int? {
        guard i < view.count, view.isDigit(view.firstByte(i)) else { return nil }
        if let d = intValue(i), (1...31).contains(d) { return d }
        // "15th"
        guard view.length(i) <= 4 else { return nil }
        let t = view.text(i)
        if let d = Int(t.prefix { $0.isNumber }), (1...31).contains(d), t.hasSuffix("th") || t.hasSuffix("st") || t.hasSuffix("nd") || t.hasSuffix("rd") { return d }
        return nil
    }

    private func year(_ i: Int) -> Int? {
        guard i < view.count, view.length(i) == 4, let y = intValue(i), (1000...2200).contains(y) else { return nil }
        return y
    }

    private func date(at i: Int) -> Candidate? {
        // Weekday, optionally followed by a full date: "Tuesday, September 22, 2015" or "Monday".
        if view.kind(i) == .word, view.isCapitalized(i), let wd = WordTables.weekdays[view.lower(i)] {
            var j = i + 1
            j = skip(j, ",")
            if let c = monthDate(at: j) {
                var c2 = c
                c2.lo = i
                c2.start = view.start(i)
                return c2
            }
            var c = Candidate(lo: i, hi: i + 1, view: view, label: .date, priority: 2)
            let shift = i > 0 ? WordTables.relativeShift[view.lower(i - 1)] : nil
            if let v = dates.weekday(wd, shift: shift) { c.attributes["value"] = v }
            return c
        }
        if let c = monthDate(at: i) { return c }
        // «before Christmas», «Easter Sunday», «New Year's Day», «Boxing Day»: a holiday is a date each year.
        if view.kind(i) == .word, view.isCapitalized(i) {
            var hi = i
            if WordTables.holidays.contains(view.lower(i)) {
                hi = i + 1
            } else if i + 1 < view.count, view.isCapitalized(i + 1), WordTables.holidayPairs.contains(view.phraseHash(i, i + 2, lowercase: true)) {
                hi = i + 2
                if hi < view.count, view.kind(hi) == .clitic { hi += 1 }   // «New Year's Day»
            }
            if hi > i {
                if hi < view.count, view.isCapitalized(hi), WordTables.holidayDays.contains(view.lower(hi)) { hi += 1 }
                // «Merry Christmas Everybody», «Holocaust Memorial Day», «Halloween II», «the Office Christmas Special»:
                // inside a longer capitalized name, the holiday is part of a title.
                let before = i > 0 && view.kind(i - 1) == .word && view.isCapitalized(i - 1)
                    && !(view.sentenceInitial[i - 1] && WordTables.holidayLeads.contains(view.lower(i - 1)))
                let after = hi < view.count && view.kind(hi) == .word && view.isCapitalized(hi)
                if !before && !after { return Candidate(lo: i, hi: hi, view: view, label: .date, priority: 2) }
            }
        }
        // "15 April 2019"
        if let d = dayNumber(i), let m = month(i + 1) {
            var hi = i + 2
            hi = skip(hi, ".") > hi && !view.gapBefore(hi) ? hi + 1 : hi
            var y: Int? = nil
            if let yy = year(hi) { y = yy; hi += 1 }
            var c = Candidate(lo: i, hi: hi, view: view, label: .date, priority: 2)
            if let v = dates.day(year: y, month: m, day: d) { c.attributes["value"] = v }
            return c
        }
        // yesterday / today / tomorrow
        if view.kind(i) == .word, let shift = WordTables.dayWords[view.lower(i)] {
            var c = Candidate(lo: i, hi: i + 1, view: view, label: .date, priority: 2)
            if let v = dates.shiftedDay(shift) { c.attributes["value"] = v }
            return c
        }
        // "last year", "next month", "this week"
        if view.kind(i) == .word, let shift = WordTables.relativeShift[view.lower(i)], i + 1 < view.count,
           view.kind(i + 1) == .word, view.isLower(i + 1), let period = WordTables.periods[view.lower(i + 1)] {
            var c = Candidate(lo: i, hi: i + 2, view: view, label: .date, priority: 2)
            if let v = dates.relative(period: period, shift: shift) { c.attributes["value"] = v }
            return c
        }
        // ISO dates "2019-04-29" arrive as one number token or as number-dash pieces.
        if isDigitToken(i), view.length(i) == 10 {
            let t = view.text(i)
            let parts = t.split(separator: "-")
            if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4,
               (1...12).contains(m), (1...31).contains(d) {
                _ = (y, m, d)
                return Candidate(lo: i, hi: i + 1, view: view, label: .date, priority: 2, attributes: ["value": t])
            }
        }
        return nil
    }

    /// "April 15", "April 15, 2019", "Sept. 3", "April 2019", "in April".
    private func monthDate(at i: Int) -> Candidate? {
        guard let m = month(i) else { return nil }
        var j = i + 1
        if j < view.count, view.isByte(j, "."), !view.gapBefore(j) { j += 1 }
        let ambiguous = WordTables.ambiguousMonths.contains(view.lower(i))
        if let d = dayNumber(j) {
            var hi = j + 1
            var y: Int? = nil
            let afterComma = skip(hi, ",")
            if let yy = year(afterComma) { y = yy; hi = afterComma + 1 }
            var c = Candidate(lo: i, hi: hi, view: view, label: .date, priority: 2)
            if let v = dates.day(year: y, month: m, day: d) { c.attributes["value"] = v }
            return c
        }
        if let y = year(j) {
            var c = Candidate(lo: i, hi: j + 1, view: view, label: .date, priority: 2)
            c.attributes["value"] = String(format: "%04d-%02d", y, m)
            return c
        }
        if ambiguous { return nil }
        // A month alone: "in April".
        var c = Candidate(lo: i, hi: i + 1, view: view, label: .date, priority: 2)
        if let v = dates.month(m) { c.attributes["value"] = v }
        return c
    }
}
