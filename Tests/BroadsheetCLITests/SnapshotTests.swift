import Foundation
import Testing

/// Layout regressions are caught by comparing rendered pages with committed baselines.
/// The baselines are 40-dpi renderings of the sample issue: small enough to commit, fine
/// enough that one changed character flags its page. After an intended change, rewrite them:
/// `swift run broadsheet snapshot Layouts/samples/pinghu-2025-01-10.json --baselines Tests/BroadsheetCLITests/Baselines --dpi 40 --update`
@Suite struct SnapshotTests {
    static let baselines = CLITests.repo + "/Tests/BroadsheetCLITests/Baselines"
    static let sample = CLITests.repo + "/Layouts/samples/pinghu-2025-01-10.json"

    @Test func samplePagesMatchTheirBaselines() throws {
        let r = try CLITests.run(["snapshot", Self.sample, "--baselines", Self.baselines, "--dpi", "40"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("page-1: unchanged"))
    }

    @Test func oneChangedCharacterFlagsExactlyItsPage() throws {
        let d = CLITests.temp()
        // A copy of the sample with one character of the book story changed.
        let fm = FileManager.default
        try fm.copyItem(atPath: CLITests.repo + "/Layouts/samples", toPath: d + "/samples")
        try fm.copyItem(atPath: CLITests.repo + "/Layouts/img", toPath: d + "/img")
        let book = d + "/samples/frontpage/book.txt"
        let text = try String(contentsOfFile: book, encoding: .utf8)
        #expect(text.contains("首发仪式举行"))
        try text.replacingOccurrences(of: "首发仪式举行", with: "首发仪式召开").write(toFile: book, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["snapshot", d + "/samples/pinghu-2025-01-10.json", "--baselines", Self.baselines,
                                  "--dpi", "40", "--report", d + "/report"])
        #expect(r.status == 1)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("page-1: changed") })
        #expect(lines.filter { $0.hasPrefix("page-") && !$0.contains("unchanged") }.count == 1)
        let regions = lines.filter { $0.contains("region") }
        #expect(!regions.isEmpty)
        #expect(regions.allSatisfy { $0.contains("touches: book") })
        // Each change is placed in its paragraph: the first paragraph of the book story.
        #expect(regions.allSatisfy { $0.contains("in book ¶1 (") })
        let html = try String(contentsOfFile: d + "/report/index.html", encoding: .utf8)
        #expect(html.contains("class=\"block\""), "the paragraph is outlined in the report")
        for img in ["page-1.baseline.png", "page-1.new.png", "page-1.diff.png"] {
            #expect(html.contains(img))
            #expect(fm.fileExists(atPath: d + "/report/images/" + img))
        }
    }

    @Test func baselineOfAnotherResolutionIsAClearError() throws {
        let r = try CLITests.run(["snapshot", Self.sample, "--baselines", Self.baselines, "--dpi", "80"])
        #expect(r.status == 2)
        #expect((r.out + r.err).contains("render at the baseline's dpi"))
    }
}
