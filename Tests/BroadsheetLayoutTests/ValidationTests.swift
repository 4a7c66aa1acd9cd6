import Testing
import BroadsheetLayout

@Suite struct ValidationTests {
    let body = "\"body\": [\"正文。\"]"

    @Test func overlappingArticlesAreRejected() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 3, "top": 0, "height": 10, \(body) },
            { "type": "article", "id": "b", "column": 3, "span": 2, "top": 5, "height": 10, \(body) }
            """))
        #expect(e.path == "pages[0].elements[1]")
        #expect(e.message.contains("overlaps 'a'"))
        #expect(e.message.contains("columns 3–3"))
        #expect(e.description.hasPrefix(e.file))
    }

    @Test func spanPastTheGridIsRejected() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "column": 6, "span": 4, "top": 0, "height": 10, \(body) }
            """))
        #expect(e.path == "pages[0].elements[0].span")
        #expect(e.message.contains("6–9") && e.message.contains("8-column"))
    }

    @Test func missingPhotoFileIsNamed() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "photo", "id": "p", "file": "img/nope.jpg", "column": 1, "span": 2, "top": 0, "height": 10 }
            """))
        #expect(e.path == "pages[0].elements[0].file")
        #expect(e.message.contains("file not found") && e.message.contains("img/nope.jpg"))
    }

    @Test func unknownStyleIsNamed() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 10, "bodyStyle": "nonesuch", \(body) }
            """))
        #expect(e.path == "pages[0].elements[0].bodyStyle")
        #expect(e.message.contains("unknown style 'nonesuch'"))
    }

    @Test func unknownFontRoleIsNamed() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 10, \(body) }
            """, extra: "\"styles\": { \"body\": { \"font\": \"fangsong\" } },"))
        #expect(e.message.contains("unknown font role 'fangsong'"))
    }

    @Test func typoInAFieldIsCaught() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "colum": 1, "column": 1, "span": 2, "top": 0, "height": 10, \(body) }
            """))
        #expect(e.path == "pages[0].elements[0].colum")
        #expect(e.message.contains("did you mean 'column'"))
    }

    @Test func wrongTypeGivesThePath() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "column": "one", "span": 2, "top": 0, "height": 10, \(body) }
            """))
        #expect(e.path == "pages[0].elements[0].column")
        #expect(e.message.contains("whole number"))
    }

    @Test func continuationMustExist() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 10, "continues": "a-2", \(body) }
            """))
        #expect(e.path == "pages[0].elements[0].continues")
    }

    @Test func duplicateIdsAreRejected() throws {
        let e = try #require(LayoutFixtures.composeError(elements: """
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 10, \(body) },
            { "type": "article", "id": "a", "column": 3, "span": 2, "top": 0, "height": 10, \(body) }
            """))
        #expect(e.path == "pages[0].elements[1].id")
    }
}
