/// Speech and thought verbs that introduce a quotation or reported speech, in all their forms.
///
/// Written for this project from the verbs English news uses to attribute speech (no outside list).
/// `speech` verbs attribute direct quotes; `reporting` verbs (a subset, plus verbs of thought and
/// evidence such as "believes", "shows") also take a reported clause ("X warned that …").
///
/// ```swift
/// CueLexicon.speech.contains("pledged")       // true
/// CueLexicon.reporting.contains("continued")  // false: "he continued" never reports a clause
/// ```
enum CueLexicon {
    /// Base verbs with their forms: base, third person, past, participle ("-ing"), then a past participle
    /// where it differs from the past ("had written").
    private static let verbs: [[String]] = [
        ["say", "says", "said", "saying"],
        ["tell", "tells", "told", "telling"],
        ["add", "adds", "added", "adding"],
        ["warn", "warns", "warned", "warning"],
        ["pledge", "pledges", "pledged", "pledging"],
        ["argue", "argues", "argued", "arguing"],
        ["insist", "insists", "insisted", "insisting"],
        ["note", "notes", "noted", "noting"],
        ["stress", "stresses", "stressed", "stressing"],
        ["claim", "claims", "claimed", "claiming"],
        ["deny", "denies", "denied", "denying"],
        ["announce", "announces", "announced", "announcing"],
        ["explain", "explains", "explained", "explaining"],
        ["acknowledge", "acknowledges", "acknowledged", "acknowledging"],
        ["admit", "admits", "admitted", "admitting"],
        ["suggest", "suggests", "suggested", "suggesting"],
        ["state", "states", "stated", "stating"],
        ["report", "reports", "reported", "reporting"],
        ["predict", "predicts", "predicted", "predicting"],
        ["promise", "promises", "promised", "promising"],
        ["vow", "vows", "vowed", "vowing"],
        ["contend", "contends", "contended", "contending"],
        ["maintain", "maintains", "maintained", "maintaining"],
        ["concede", "concedes", "conceded", "conceding"],
        ["assert", "asserts", "asserted", "asserting"],
        ["complain", "complains", "complained", "complaining"],
        ["confirm", "confirms", "confirmed", "confirming"],
        ["recall", "recalls", "recalled", "recalling"],
        ["write", "writes", "wrote", "writing", "written"],
        ["tweet", "tweets", "tweeted", "tweeting"],
        ["declare", "declares", "declared", "declaring"],
        ["emphasize", "emphasizes", "emphasized", "emphasizing"],
        ["emphasise", "emphasises", "emphasised", "emphasising"],
        ["estimate", "estimates", "estimated", "estimating"],
        ["reiterate", "reiterates", "reiterated", "reiterating"],
        ["allege", "alleges", "alleged", "alleging"],
        ["caution", "cautions", "cautioned", "cautioning"],
        ["boast", "boasts", "boasted", "boasting"],
        ["remark", "remarks", "remarked", "remarking"],
        ["reply", "replies", "replied", "replying"],
        ["respond", "responds", "responded", "responding"],
        ["answer", "answers", "answered", "answering"],
        ["ask", "asks", "asked", "asking"],
        ["agree", "agrees", "agreed", "agreeing"],
        ["believe", "believes", "believed", "believing"],
        ["think", "thinks", "thought", "thinking"],
        ["hope", "hopes", "hoped", "hoping"],
        ["fear", "fears", "feared", "fearing"],
        ["indicate", "indicates", "indicated", "indicating"],
        ["signal", "signals", "signaled", "signaling"],
        ["urge", "urges", "urged", "urging"],
        ["threaten", "threatens", "threatened", "threatening"],
        ["show", "shows", "showed", "showing"],
        ["find", "finds", "found", "finding"],
        ["conclude", "concludes", "concluded", "concluding"],
        ["continue", "continues", "continued", "continuing"],
        ["observe", "observes", "observed", "observing"],
        ["comment", "comments", "commented", "commenting"],
        ["joke", "jokes", "joked", "joking"],
        ["quip", "quips", "quipped", "quipping"],
        ["exclaim", "exclaims", "exclaimed", "exclaiming"],
        ["echo", "echoes", "echoed", "echoing"],
        ["recount", "recounts", "recounted", "recounting"],
        ["retort", "retorts", "retorted", "retorting"],
        ["post", "posts", "posted", "posting"],
        ["reveal", "reveals", "revealed", "revealing"],
        ["accuse", "accuses", "accused", "accusing"],
        ["charge", "charges", "charged", "charging"],
        ["insinuate", "insinuates", "insinuated", "insinuating"],
        ["speculate", "speculates", "speculated", "speculating"],
        ["assure", "assures", "assured", "assuring"],
        ["inform", "informs", "informed", "informing"],
        ["remind", "reminds", "reminded", "reminding"],
        ["testify", "testifies", "testified", "testifying"],
        ["demand", "demands", "demanded", "demanding"],
        ["propose", "proposes", "proposed", "proposing"],
        ["expect", "expects", "expected", "expecting"],
        ["read", "reads", "read", "reading"],
        ["shout", "shouts", "shouted", "shouting"],
        ["yell", "yells", "yelled", "yelling"],
        ["scream", "screams", "screamed", "screaming"],
        ["whisper", "whispers", "whispered", "whispering"],
        ["chant", "chants", "chanted", "chanting"],
    ]

    /// Verbs that never take a reported clause in news text, or take it too rarely to be worth the noise.
    private static let speechOnly: Set<String> = [
        "continue", "joke", "quip", "exclaim", "echo", "retort", "post", "comment", "remark", "recount",
        "reply", "respond", "answer", "tweet", "write", "read", "shout", "yell", "scream", "whisper", "chant",
    ]
    /// Verbs of thought and evidence: they report a clause but never introduce a direct quote.
    private static let reportOnly: Set<String> = [
        "believe", "think", "hope", "fear", "show", "find", "expect", "indicate", "signal", "demand",
        "propose", "threaten", "accuse", "charge",
    ]

    /// Every form of a verb that attributes a direct quote.
    static let speech: Set<String> = Set(verbs.filter { !reportOnly.contains($0[0]) }.flatMap { $0 })
    /// Every form of a verb of thought or evidence («the survey showed», «officials believe»).
    static let thoughtOrEvidence: Set<String> = Set(verbs.filter { reportOnly.contains($0[0]) }.flatMap { $0 })
    /// Every form of a verb that introduces reported speech.
    static let reporting: Set<String> = Set(verbs.filter { !speechOnly.contains($0[0]) }.flatMap { $0 })
    /// Participles: "…, saying …" attributes to the subject of the sentence.
    static let participles: Set<String> = Set(verbs.map { $0[3] })
    /// Verbs whose first complement is the addressee ("told reporters that …", "warned Congress …").
    static let addressed: Set<String> = Set(["tell", "warn", "assure", "inform", "remind", "urge", "ask", "caution"]
        .flatMap { base in verbs.first { $0[0] == base } ?? [] })

    /// Words between a subject and its verb that are skipped ("he also said", "has repeatedly warned").
    static let adverbs: Set<String> = [
        "also", "later", "then", "previously", "recently", "again", "once", "further", "repeatedly", "often",
        "publicly", "privately", "reportedly", "quickly", "immediately", "earlier", "first", "never", "only",
        "just", "even", "still", "has", "have", "had", "would", "will", "could", "may", "might", "did", "does",
        "do", "is", "was", "were", "are", "be", "been", "not", "n't", "’d", "'d", "’ve", "'ve", "’s", "'s",
        "explicitly", "flatly", "firmly", "bluntly", "frankly", "simply", "openly", "angrily", "tersely",
        "initially", "finally", "subsequently", "already", "now", "long", "always", "likewise",
        "similarly", "separately", "specifically", "actually", "clearly", "correctly", "falsely", "wrongly",
        "mistakenly", "essentially", "basically", "afterwards", "afterward", "meanwhile",
    ]

    /// Whether a lower-case word right after a person's name reads as a present verb («McEnroe wants», «McFadden
    /// makes») rather than a plural noun the name modifies («Cesar organisers», «Obama supporters»).
    static func isPresentVerbAfterName(_ w: String) -> Bool {
        w.utf8.count > 3 && w.hasSuffix("s") && !w.hasSuffix("ss")
            && !["ers", "ors", "ists", "ians", "als"].contains { w.hasSuffix($0) }
    }

    /// Pronouns that can stand as a speaker.
    static let pronouns: Set<String> = [
        "he", "she", "they", "i", "we", "it", "you", "who", "which",
    ]

    /// Cue forms that are nouns more often than verbs in news text; they need "that" after them.
    static let nounLike: Set<String> = [
        "state", "states", "note", "notes", "report", "reports", "find", "finds", "post", "posts",
        "comment", "comments", "charge", "charges", "demand", "demands", "estimate", "estimates", "answer",
        "answers", "promise", "promises", "signal", "signals", "remark", "remarks", "fear", "fears", "hope", "hopes",
        "retort", "retorts",
    ]
    /// Base forms of the verbs: after a determiner («a rare note», «a Trump-style retort») they are nouns.
    static let baseForms: Set<String> = Set(verbs.map { $0[0] })

    /// Forms of "be", for passives ("is expected to").
    static let beForms: Set<String> = ["is", "are", "was", "were", "be", "been", "being", "’s", "'s"]
    /// Auxiliaries and modals: a noun before one is its subject («His claims have been denied»).
    static let modals: Set<String> = ["has", "have", "had", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did", "do", "does"]

    /// Prepositions that cannot start a reported clause.
    static let prepositions: Set<String> = [
        "in", "by", "on", "of", "with", "up", "from", "during", "at", "for", "about", "like", "into", "over",
        "after", "before", "since", "under", "through", "without", "against", "among", "between",
    ]

    /// Words that start a speaker description ("the general", "a spokesman", "his lawyer").
    static let determiners: Set<String> = [
        "the", "a", "an", "his", "her", "their", "its", "our", "this", "that", "these", "those", "another",
        "many", "some", "several", "two", "three", "both", "other", "most", "few", "one", "all", "my", "your",
    ]

    /// Words that end a speaker phrase when walking back from a cue: they start a clause.
    static let clauseWords: Set<String> = [
        "that", "and", "but", "or", "as", "when", "while", "because", "if", "since", "after", "before",
        "although", "though", "so", "where", "whether", "than", "until", "unless", "yet", "to", "of", "in",
        "on", "at", "for", "with", "by", "from", "about", "into", "over", "under", "what", "how", "why",
        "said", "says", "say", "told",
    ]
    /// Verbs that put a quoted phrase in the subject's mouth inside a noun phrase: «X called the film a
    /// “fine thriller”», «X dismissed the plan as “desperate”». A quotation they hold is a mixed quote of the
    /// subject, not a scare quote.
    static let evaluative: Set<String> = Set([
        ["call", "calls", "called", "calling"], ["describe", "describes", "described", "describing"],
        ["dismiss", "dismisses", "dismissed", "dismissing"], ["brand", "brands", "branded", "branding"],
        ["label", "labels", "labelled", "labeled", "labelling", "labeling"], ["hail", "hails", "hailed", "hailing"],
        ["term", "terms", "termed", "terming"], ["dub", "dubs", "dubbed", "dubbing"],
        ["condemn", "condemns", "condemned", "condemning"], ["criticise", "criticises", "criticised", "criticising"],
        ["criticize", "criticizes", "criticized", "criticizing"], ["praise", "praises", "praised", "praising"],
    ].flatMap { $0 })

    /// Titles and honorifics written before a name ("MP Jane Okello", "Sir Alan"): not part of the
    /// person's name. Gender where the title gives one.
    static let titles: [String: String?] = [
        "mr": "male", "mr.": "male", "sir": "male", "lord": "male", "mrs": "female", "mrs.": "female", "ms": "female",
        "ms.": "female", "miss": "female", "dame": "female", "lady": "female", "baroness": "female",
        "dr": nil, "dr.": nil, "prof": nil, "professor": nil, "mp": nil, "msp": nil, "mep": nil,
        "rev": nil, "reverend": nil, "president": nil, "minister": nil, "chancellor": nil, "secretary": nil,
        "gen": nil, "gen.": nil, "general": nil, "captain": nil, "capt": nil, "judge": nil, "chief": nil,
        "inspector": nil, "sergeant": nil, "sgt": nil, "detective": nil, "archbishop": nil, "bishop": nil,
        "cardinal": nil, "senator": nil, "sen.": nil, "rep.": nil, "governor": nil, "mayor": nil, "councillor": nil,
        "cllr": nil, "coach": nil, "manager": nil, "superintendent": nil, "supt": nil, "officer": nil, "pc": nil,
        "prime": nil, "deputy": nil, "shadow": nil, "foreign": nil, "home": nil, "health": nil, "culture": nil,
        "education": nil, "trade": nil, "defence": nil, "defense": nil, "environment": nil, "transport": nil,
    ]

    /// Nouns for a person by role, rank or kin («the Tory leader», «the Liverpool player», «the Waterford man»),
    /// with the titles above: a description ending in one names a person, whatever body or place modifies it.
    static let personNouns: Set<String> = [
        "man", "woman", "boy", "girl", "leader", "peer", "player", "coach", "boss", "striker", "defender", "midfielder",
        "winger", "keeper", "goalkeeper", "full-back", "fly-half", "scrum-half", "forward", "captain", "skipper", "star",
        "champion", "international", "veteran", "chairman", "chairwoman", "chief", "head", "director", "executive",
        "founder", "owner", "member", "candidate", "politician", "mp", "mep", "msp", "am", "spokesman", "lawyer",
        "analyst", "economist", "expert", "actor", "actress", "singer", "author", "writer", "producer",
        "athlete", "sprinter", "runner", "rider", "driver", "boxer", "golfer", "batsman", "bowler", "jockey", "trainer",
        "son", "daughter", "father", "mother", "wife", "husband", "teenager", "youngster", "editor",
        "correspondent", "presenter", "adviser", "aide", "campaigner", "activist", "centre-half", "prop",
        "hopeful", "nominee", "contender", "challenger", "controller", "manager", "spokeswoman", "spokesperson", "official",
        "consultant", "strategist", "pollster", "researcher", "scientist", "professor", "lecturer", "historian",
        "organiser", "organizer", "trader", "broker", "investor", "designer", "engineer", "musician", "guitarist", "comedian",
        "treasurer", "administrator",
    ]

    /// Letters after a name for an office or an honour («Guy Mansfield QC», «John Hale MP»).
    static let postNominals: Set<String> = ["qc", "kc", "mp", "mep", "msp", "obe", "mbe", "cbe", "kbe", "dbe", "frs"]

    /// Peerage titles: part of the name a peer is known by («Lord Falconer», «Baroness Boothroyd»).
    static let peerages: Set<String> = ["lord", "lady", "baroness", "baron", "viscount", "viscountess", "earl", "countess",
                                        "marquess", "duke", "duchess"]

    /// Heads of descriptions that name a body or a document, not a person: «the committee said»,
    /// «the report found». Such a description is its own speaker, never the last person named.
    static let groupHeads: Set<String> = [
        "committee", "council", "company", "firm", "government", "ministry", "department", "report", "study",
        "survey", "statement", "police", "court", "union", "party", "group", "board", "bank", "agency",
        "authority", "commission", "club", "team", "association", "organisation", "organization", "charity",
        "inquiry", "review", "document", "website", "letter", "paper", "research", "poll", "campaign",
        "administration", "office", "service", "industry", "body", "regulator", "watchdog", "institute",
        "federation", "council's", "trust", "society", "executive", "cabinet", "parliament", "assembly",
        "force", "army", "military", "embassy", "spokesman", "spokeswoman", "spokesperson", "source", "sources",
        "analysts", "officials", "experts", "critics", "campaigners", "residents", "people", "figures", "data",
        "suit", "lawsuit", "complaint", "indictment", "filing", "petition", "ruling", "judgment", "judgement",
        "memo", "dossier", "e-mail", "email", "newsletter", "leaflet", "pamphlet", "booklet", "handbook", "manifesto",
        "article", "editorial", "blog", "transcript", "advert", "advertisement", "book",
    ]

    /// Nouns for what someone said or wrote: «Her advice to the board was: …», «the committee's report
    /// said»: the speaker is their owner.
    static let utterances: Set<String> = [
        "advice", "report", "statement", "letter", "message", "words", "view", "verdict", "response", "reply",
        "comment", "comments", "conclusion", "ruling", "judgement", "judgment", "findings", "study", "survey",
        "analysis", "answer", "remarks", "warning", "argument", "position", "message", "plea", "explanation",
        "account", "testimony", "evidence", "submission", "website", "blog", "tweet", "post", "speech",
    ]

    /// Last words of an organisation's name («Leeds Traders Association»), telling it from a person's.
    static let organisationWords: Set<String> = [
        "association", "council", "party", "union", "group", "company", "ltd", "plc", "trust", "society",
        "federation", "institute", "agency", "commission", "committee", "foundation", "bank", "club",
        "university", "college", "school", "service", "department", "ministry", "office", "board", "authority",
        "corporation", "inc", "network", "alliance", "coalition", "league", "chamber", "forum", "centre",
        "center", "hospital", "police", "council", "partnership", "organisation", "organization", "campaign",
    ]

    /// Possessive pronouns and the pronoun of their owner («Her advice» → "she").
    static let possessives: [String: String] = ["her": "she", "his": "he", "their": "they", "its": "it", "my": "i", "our": "we"]
}
