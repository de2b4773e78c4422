import Testing
import PipelineKit
@testable import EntityExtraction

@Test func percentMoneyAndQuantityIncludeTheirUnits() async throws {
    let d = try await extract("Exports fell 40 percent to $3.2 million, or 1.2 million bpd, down from 1.1 million barrels a day and 5 per cent.")
    #expect(d.mention("40 percent")?.label == .percent)
    #expect(d.mention("$3.2 million")?.label == .money)
    #expect(d.mention("1.2 million bpd")?.label == .quantity)
    #expect(d.mention("1.1 million barrels a day")?.label == .quantity)
    #expect(d.mention("5 per cent")?.label == .percent)
}

@Test func cardinalsAndOrdinalsAreLabelledWhenNothingMoreSpecificApplies() async throws {
    let d = try await extract("The two men finished 3rd and first among 120 runners.")
    #expect(d.mention("two")?.label == .cardinal)
    #expect(d.mention("3rd")?.label == .ordinal)
    #expect(d.mention("first")?.label == .ordinal)
    #expect(d.mention("120")?.label == .cardinal)
}

@Test func datesResolveAgainstThePublicationDate() async throws {
    // 2019-04-29 is a Monday.
    let d = try await extract("On Monday officials met. Sales rose last year and on April 15 fell. It ended on Friday, and on May 2, 2018.",
                              published: "2019-04-29")
    #expect(d.mention("Monday")?.attributes["value"] == "2019-04-29")
    #expect(d.mention("last year")?.attributes["value"] == "2018")
    #expect(d.mention("April 15")?.attributes["value"] == "2019-04-15")
    #expect(d.mention("Friday")?.attributes["value"] == "2019-04-26")
    #expect(d.mention("May 2, 2018")?.attributes["value"] == "2018-05-02")
    #expect(d.mention("On") == nil)
}

@Test func timesAndBareYearsAfterPrepositions() async throws {
    let d = try await extract("The meeting began at 10 a.m. and the group was founded in 1984.")
    #expect(d.entities.contains { $0.label == .time && d.text(of: $0.span).hasPrefix("10 a.m") })
    #expect(d.mention("1984")?.label == .date)
}

@Test func mayAsAVerbIsNotADate() async throws {
    let d = try await extract("Prices may rise, officials said in May 2019.")
    #expect(d.mention("may") == nil)
    #expect(d.mention("May 2019")?.label == .date)
}

@Test func dateResolverHandlesWeeksMonthsAndNoAnchor() {
    let r = DateResolver(published: "2019-04-29T10:00:00Z")
    #expect(r.relative(period: "month", shift: -1) == "2019-03")
    #expect(r.relative(period: "week", shift: 0) == "2019-W18")
    #expect(r.shiftedDay(-1) == "2019-04-28")
    #expect(r.weekday(1, shift: 1) == "2019-05-06")
    let none = DateResolver(published: nil)
    #expect(none.relative(period: "year", shift: -1) == nil)
    #expect(none.day(year: nil, month: 4, day: 15) == "XXXX-04-15")
}

@Test func monthsWithoutAYearTakeTheYearNearestPublication() {
    let r = DateResolver(published: "2019-04-29")
    #expect(r.month(11) == "2018-11")
    #expect(r.month(6) == "2019-06")
    #expect(r.day(year: nil, month: 12, day: 25) == "2018-12-25")
    #expect(DateResolver(published: "2019-12-01").month(1) == "2020-01")
}

@Test func holidaysAreDatesUnlessPartOfATitle() async throws {
    // The model took a lone «Easter» or «Halloween» in subject position for a person.
    let d = try await extract("Easter trading was strong and Halloween sales rose. On Christmas Day and New Year's Eve "
        + "the shops shut. The band played Merry Christmas Everybody before Boxing Day.")
    #expect(d.mention("Easter")?.label == .date)
    #expect(d.mention("Halloween")?.label == .date)
    #expect(d.mention("Christmas Day")?.label == .date)
    #expect(d.mention("New Year's Eve")?.label == .date)
    #expect(d.mention("Boxing Day")?.label == .date)
    // A song title holding a holiday is no date.
    #expect(!d.entities.contains { d.text(of: $0.span) == "Christmas" && $0.label == .date })
}
