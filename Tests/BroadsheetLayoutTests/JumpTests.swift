import Foundation
import Testing
import BroadsheetDisplay
import BroadsheetLayout

/// Stories that jump: the engine flows the overset into the continuation block and writes
/// both jump lines with the real page numbers.
@Suite struct JumpTests {
    static let body = Array(repeating: LayoutFixtures.newsText, count: 4)

    /// Three pages; the article on page 1 continues in a block on page `contPage`.
    func compose(contPage: Int, paragraphs: [String] = JumpTests.body, height: Int = 10) throws -> ComposedIssue {
        let dir = LayoutFixtures.tempDir()
        let paras = paragraphs.map { "\"\($0)\"" }.joined(separator: ",")
        func page(_ n: Int) -> String {
            let cont = n == contPage ? """
                { "type": "continuation", "id": "a-2", "of": "a", "column": 1, "span": 2, "top": 0, "height": 60 }
                """ : ""
            let art = n == 1 ? """
                { "type": "article", "id": "a", "column": 1, "span": 2, "top": 20, "height": \(height), "continues": "a-2", "body": [\(paras)] }
                """ : ""
            return "{ \"template\": \"broadsheet\", \"elements\": [ \([art, cont].filter { !$0.isEmpty }.joined(separator: ",")) ] }"
        }
        let json = """
            { "paper": { "name": "测试日报" }, "date": "2025-01-10", "pages": [ \(page(1)), \(page(2)), \(page(3)) ] }
            """
        try json.write(toFile: dir + "/i.json", atomically: true, encoding: .utf8)
        return try IssueComposer(store: LayoutFixtures.store, layoutsDir: LayoutFixtures.layouts).compose(issueAt: dir + "/i.json")
    }

    func texts(_ c: ComposedIssue, page: Int, owner: String) -> [String] {
        LayoutFixtures.runs(c, page: page, owner: owner).map(\.text)
    }

    @Test func jumpLinesNameTheRealPages() throws {
        let c = try compose(contPage: 2)
        #expect(texts(c, page: 0, owner: "a").contains("（下转2版）"))
        #expect(texts(c, page: 1, owner: "a-2").first == "（上接1版）")
        // Move the continuation to page 3: both jump lines follow on the next render.
        let moved = try compose(contPage: 3)
        #expect(texts(moved, page: 0, owner: "a").contains("（下转3版）"))
        #expect(!texts(moved, page: 0, owner: "a").contains("（下转2版）"))
        #expect(texts(moved, page: 2, owner: "a-2").first == "（上接1版）")
    }

    @Test func jumpedTextIsCompleteAcrossItsPartsNothingLostOrRepeated() throws {
        let c = try compose(contPage: 2)
        let jumps: Set<String> = ["（下转2版）", "（上接1版）"]
        let first = texts(c, page: 0, owner: "a").filter { !jumps.contains($0) }
        let second = texts(c, page: 1, owner: "a-2").filter { !jumps.contains($0) }
        #expect(!first.isEmpty && !second.isEmpty)
        #expect((first + second).joined() == Self.body.joined())
        let r = try #require(c.report.articles.first { $0.id == "a" })
        #expect(r.overset == nil && r.continuedIn == "a-2")
        #expect(!c.report.hasOverset)
    }

    @Test func editingTheTextReflowsIntoTheContinuationAndTheReport() throws {
        let short = try compose(contPage: 2)
        let long = try compose(contPage: 2, paragraphs: Self.body + [LayoutFixtures.newsText, LayoutFixtures.newsText])
        let a = try #require(short.report.articles.first { $0.id == "a-2" })
        let b = try #require(long.report.articles.first { $0.id == "a-2" })
        #expect(b.linesSet > a.linesSet)
        #expect(b.emptyLinesAtEnd < a.emptyLinesAtEnd)
        // The first part keeps its lines: the added text only moves into the continuation.
        let fa = try #require(short.report.articles.first { $0.id == "a" })
        let fb = try #require(long.report.articles.first { $0.id == "a" })
        #expect(fa.linesSet == fb.linesSet)
    }

    @Test func aStoryThatFitsSetsNoJumpLine() throws {
        let c = try compose(contPage: 2, paragraphs: [LayoutFixtures.newsText], height: 40)
        #expect(!texts(c, page: 0, owner: "a").contains { $0.contains("下转") })
        #expect(c.report.warnings.contains { $0.message.contains("receives no text") })
    }
}
