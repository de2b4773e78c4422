import PipelineKit

/// Small closed word classes the number and date rules test tokens against, keyed by lowercased hash.
enum WordTables {
    static func table<V>(_ pairs: [(String, V)]) -> HashTable64<V> {
        HashTable64(pairs.map { (PhraseHash.of($0.0, lowercase: true), $0.1) })
    }
    static func set(_ words: [String]) -> HashSet64 { HashSet64(words.map { PhraseHash.of($0, lowercase: true) }) }

    /// Month number by name or abbreviation.
    static let months: HashTable64<Int> = table([
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
        ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9),
        ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ])
    /// Month names that are also common words, so they need a number beside them.
    static let ambiguousMonths = set(["may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "feb", "apr"])
    /// ISO weekday (Monday 1).
    static let weekdays: HashTable64<Int> = table([
        ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5), ("saturday", 6), ("sunday", 7),
    ])
    /// Holidays, a date each year (OntoNotes labels them DATE): «before Christmas», «Easter trading».
    static let holidays = set(["christmas", "easter", "ramadan", "thanksgiving", "halloween", "hanukkah", "diwali",
                               "passover", "hogmanay", "whitsun", "pentecost"])
    static let holidayPairs = set(["new year", "boxing day", "memorial day", "labor day", "labour day"])
    /// Sentence-initial words that may stand before a holiday: «On Christmas Day», «Since Easter».
    static let holidayLeads = set(["on", "at", "in", "by", "before", "after", "since", "until", "till", "over",
                                   "during", "for", "from", "this", "last", "next", "every", "each"])
    /// Words that extend a holiday: «Christmas Day», «Christmas Eve», «Easter Sunday».
    static let holidayDays = set(["day", "eve", "sunday", "monday", "weekend", "week"])
    static let dayWords: HashTable64<Int> = table([("yesterday", -1), ("today", 0), ("tomorrow", 1)])
    /// "last year": the shift the first word gives.
    static let relativeShift: HashTable64<Int> = table([("last", -1), ("past", -1), ("previous", -1), ("this", 0), ("next", 1), ("coming", 1)])
    static let periods: HashTable64<String> = table([
        ("year", "year"), ("month", "month"), ("week", "week"), ("weekend", "week"), ("decade", "decade"),
        ("century", "century"), ("summer", "season"), ("winter", "season"), ("spring", "season"), ("autumn", "season"),
        ("fall", "season"),
    ])
    static let scales: HashTable64<Double> = table([
        ("hundred", 1e2), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12),
        ("bn", 1e9), ("mn", 1e6), ("m", 1e6), ("k", 1e3), ("tn", 1e12),
    ])
    static let numberWords: HashTable64<Int> = table([
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
        ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14),
        ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20),
        ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80),
        ("ninety", 90), ("hundred", 100), ("thousand", 1000), ("dozen", 12), ("hundreds", 100),
        ("thousands", 1000), ("millions", 1_000_000), ("billions", 1_000_000_000), ("dozens", 12),
        ("million", 1_000_000), ("billion", 1_000_000_000),
    ])
    static let ordinals = set([
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "twentieth", "hundredth", "thousandth",
    ])
    static let percentWords = set(["percent", "pct", "%", "percentage"])
    static let currencyWords = set([
        "dollars", "dollar", "euros", "euro", "pounds", "yen", "yuan", "renminbi", "rupees", "rupee", "rials",
        "rial", "riyals", "riyal", "dinars", "dinar", "rubles", "roubles", "ruble", "rouble", "cents", "lira",
        "liras", "francs", "franc", "pesos", "peso", "shekels", "shekel", "won", "naira", "rand", "dirhams",
        "dirham", "tomans", "toman", "usd", "eur", "gbp", "bitcoin", "bitcoins", "pence", "p",
    ])
    /// Currency signs and codes that stand before the amount.
    static let currencyPrefixes = set(["$", "£", "€", "¥", "₹", "us$", "usd", "eur", "gbp", "a$", "c$", "hk$", "rs", "rs."])
    static let units = set([
        "barrels", "barrel", "bpd", "b/d", "tonnes", "tonne", "tons", "ton", "kilometres", "kilometers",
        "kilometre", "kilometer", "km", "miles", "mile", "metres", "meters", "metre", "meter", "kg", "kilograms",
        "kilogram", "grams", "gram", "feet", "foot", "ft", "inches", "inch", "acres", "acre", "hectares",
        "hectare", "degrees", "litres", "liters", "litre", "liter", "gallons", "gallon", "megawatts", "mw",
        "gigawatts", "gw", "kilowatts", "kw", "mph", "km/h", "kph", "cubic", "square", "sq", "lbs", "lb",
        "ounces", "oz", "mcf", "bcm", "mbpd", "cm", "mm", "centimetres", "centimeters", "yards", "yard",
    ])
    static let rateWords = set(["a", "per", "each", "every"])
    static let ratePeriods = set(["day", "year", "month", "week", "hour", "annum", "second", "minute"])
    static let timeSuffixes = set(["am", "pm", "a.m", "p.m", "a.m.", "p.m.", "gmt", "utc", "est", "edt", "pst"])
    /// Lowercase words that can start a number or date mention.
    static let lowercaseStarters: HashSet64 = {
        var words = ["yesterday", "today", "tomorrow", "last", "past", "previous", "this", "next", "coming",
                     "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                     "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
                     "dozen", "hundreds", "thousands", "millions", "billions", "dozens", "million", "billion",
                     "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                     "eleventh", "twelfth", "twentieth", "hundredth", "thousandth", "us$", "usd", "eur", "gbp", "rs", "rs."]
        words += []
        return set(words)
    }()

    /// Words before a bare year that make it a date ("in 2019").
    static let yearPrepositions = set(["in", "since", "by", "from", "until", "till", "before", "after", "during", "of", "to", "and", "early", "late", "mid", "between"])
}
