import Foundation

/// Turns date expressions into ISO values, resolving relative ones against the publication date.
///
/// ```swift
/// let r = DateResolver(published: "2019-04-29")   // a Monday
/// r.day(year: nil, month: 4, day: 15)             // "2019-04-15"
/// r.relative(period: "year", shift: -1)           // "2018"
/// r.weekday(5, shift: nil)                        // "2019-04-26", the Friday before
/// ```
struct DateResolver {
    /// The publication date, when the document has one that parses as ISO `yyyy-mm-dd`.
    let anchor: DateComponents?
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    init(published: String?) {
        guard let p = published, p.utf8.count >= 10 else { anchor = nil; return }
        let parts = p.prefix(10).split(separator: "-")
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
           (1...12).contains(m), (1...31).contains(d) {
            anchor = DateComponents(year: y, month: m, day: d)
        } else {
            anchor = nil
        }
    }

    private var anchorDate: Date? { anchor.flatMap { Self.calendar.date(from: $0) } }

    private func iso(_ date: Date) -> String {
        let c = Self.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// A calendar day; without a year, the year that puts it nearest the publication date ("November" in an
    /// April article is last November), or "XXXX" when there is no publication date.
    func day(year: Int?, month: Int, day: Int) -> String? {
        if let y = year ?? nearestYear(month: month) { return String(format: "%04d-%02d-%02d", y, month, day) }
        return String(format: "XXXX-%02d-%02d", month, day)
    }

    func month(_ month: Int) -> String? {
        guard let y = nearestYear(month: month) else { return nil }
        return String(format: "%04d-%02d", y, month)
    }

    /// The publication year, or the one before/after when the month is more than six months away.
    private func nearestYear(month: Int) -> Int? {
        guard let y = anchor?.year, let m = anchor?.month else { return nil }
        if month - m > 6 { return y - 1 }
        if m - month > 6 { return y + 1 }
        return y
    }

    /// "yesterday" (-1), "today" (0), "tomorrow" (1).
    func shiftedDay(_ shift: Int) -> String? {
        guard let a = anchorDate, let d = Self.calendar.date(byAdding: .day, value: shift, to: a) else { return nil }
        return iso(d)
    }

    /// A weekday (ISO, Monday 1): the latest one on or before publication, or the next one for "next".
    func weekday(_ isoWeekday: Int, shift: Int?) -> String? {
        guard let a = anchorDate else { return nil }
        let calWeekday = isoWeekday % 7 + 1   // Calendar: Sunday 1
        let current = Self.calendar.component(.weekday, from: a)
        var delta = calWeekday - current
        if shift == 1 { if delta <= 0 { delta += 7 } } else {
            if delta > 0 { delta -= 7 }
            if shift == -1 && delta == 0 { delta = -7 }
        }
        return Self.calendar.date(byAdding: .day, value: delta, to: a).map(iso)
    }

    /// "last year" = ("year", -1) and the like.
    func relative(period: String, shift: Int) -> String? {
        guard let a = anchorDate, let y = anchor?.year else { return nil }
        switch period {
        case "year": return String(y + shift)
        case "decade": return "\((y / 10 + shift) * 10)s"
        case "century": return "\((y / 100 + shift) * 100)s"
        case "month":
            guard let d = Self.calendar.date(byAdding: .month, value: shift, to: a) else { return nil }
            let c = Self.calendar.dateComponents([.year, .month], from: d)
            return String(format: "%04d-%02d", c.year!, c.month!)
        case "week":
            guard let d = Self.calendar.date(byAdding: .weekOfYear, value: shift, to: a) else { return nil }
            var iso = Calendar(identifier: .iso8601)
            iso.timeZone = Self.calendar.timeZone
            let c = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: d)
            return String(format: "%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!)
        default: return nil
        }
    }
}
