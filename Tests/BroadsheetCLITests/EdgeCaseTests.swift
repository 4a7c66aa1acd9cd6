import Foundation
import Testing

/// Bad or extreme input must end in a clear one-line error or a page, never a crash or a
/// hang: each case runs the real binary and must exit 0, 1 or 3 within seconds.
@Suite struct EdgeCaseTests {
    static let article = #"{ "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 20, "body": ["正文。"] }"#
    static let photo = CLITests.repo + "/Layouts/img/photo-pets-cat.jpg"

    static let cases: [(String, String, String)] = [
        ("huge span", #"{ "type": "article", "id": "a", "column": 2, "span": 9223372036854775807, "top": 0, "height": 20, "body": ["x"] }"#, ""),
        ("huge top", #"{ "type": "article", "id": "a", "column": 1, "span": 1, "top": 9223372036854775807, "height": 5, "body": ["x"] }"#, ""),
        ("huge photo column", #"{ "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 30, "photos": [ { "file": "\#(photo)", "column": 9223372036854775807, "span": 1, "top": 0, "height": 8 } ], "body": ["x"] }"#, ""),
        ("huge vertical rule", #"{ "type": "rule", "orientation": "vertical", "column": 1, "top": 5, "height": 9223372036854775807 }"#, ""),
        ("negative vertical rule", #"{ "type": "rule", "orientation": "vertical", "column": 1, "top": 5, "height": -3 }"#, ""),
        ("huge leading", article, #""styles": { "headline": { "leading": "1e300pt" }, "crosshead": { "leading": "1e300pt" } },"#),
        ("zero size", article, #""styles": { "body": { "size": "0pt" } },"#),
        ("huge indent", article, #""styles": { "body": { "indent": 1000000 } },"#),
        ("empty bold", #"{ "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 20, "body": ["****", "  ", "**"] }"#, ""),
        ("only a subheading with a dateline", ###"{ "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 20, "dateline": "本报讯", "body": ["## 小标题"] }"###, ""),
        ("headline taller than the block", #"{ "type": "article", "id": "a", "column": 1, "span": 1, "top": 0, "height": 2, "headline": { "main": "很长很长很长很长很长很长的标题" }, "body": ["x"] }"#, ""),
        ("one-line article", #"{ "type": "article", "id": "a", "column": 1, "span": 1, "top": 0, "height": 1, "body": ["一二三四五六七八九十一二三四五六七八九十"] }"#, ""),
        ("long Latin word", #"{ "type": "article", "id": "a", "column": 1, "span": 1, "top": 0, "height": 10, "body": ["Pneumonoultramicroscopicsilicovolcanoconiosis超长单词"] }"#, ""),
        ("tall subheading beside a photo", ###"{ "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 30, "photos": [ { "file": "\###(photo)", "column": 2, "span": 1, "top": 0, "height": 12 } ], "body": ["正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文。", "## 一个很长很长很长很长很长很长很长的小标题", "正文。"] }"###, ""),
        ("two articles into one continuation", #"{ "type": "article", "id": "a", "column": 1, "span": 1, "top": 0, "height": 5, "continues": "c", "body": ["x"] }, { "type": "article", "id": "b", "column": 2, "span": 1, "top": 0, "height": 5, "continues": "c", "body": ["y"] }, { "type": "continuation", "id": "c", "of": "a", "column": 3, "span": 1, "top": 0, "height": 5 }"#, ""),
        ("box with a negative inset", #"{ "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 20, "box": { "inset": "-3em" }, "body": ["正文。"] }"#, ""),
        ("heavy rule", #"{ "type": "rule", "column": 1, "span": 2, "top": 5, "weight": "1e9pt" }"#, ""),
        ("zero-size text frame", #"{ "type": "text", "x": "10mm", "y": "10mm", "width": "0mm", "height": "0mm", "paragraphs": [ { "style": "body", "text": "正文" } ] }"#, ""),
    ]

    /// Input that would lose text or print outside its block: refused with a clear error.
    static let refused: [String: Int32] = [
        "two articles into one continuation": 1, "box with a negative inset": 1, "heavy rule": 1,
        "zero-size text frame": 1, "only a subheading with a dateline": 1, "headline taller than the block": 1,
        "huge indent": 1, "huge leading": 1, "huge span": 1, "huge top": 1, "huge photo column": 1,
        "huge vertical rule": 1, "negative vertical rule": 1, "zero size": 1,
    ]

    @Test(arguments: 0..<cases.count)
    func neverCrashes(_ k: Int) throws {
        let (name, elements, styles) = Self.cases[k]
        let d = CLITests.temp()
        try CLITests.issue(elements, styles: styles).write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try CLITests.run(["render", d + "/i.json", "-o", d + "/o.pdf", "-q", "--print", "--png", d + "/png", "--dpi", "10"])
        #expect([0, 1, 3].contains(r.status), "\(name): exit \(r.status)\n\(r.err.prefix(400))")
        if let want = Self.refused[name] { #expect(r.status == want, "\(name) must be refused: \(r.err)") }
        if r.status == 1 {
            #expect(r.err.split(separator: "\n").count == 1, "\(name): \(r.err)")
            #expect(r.err.contains("i.json"), "\(name): the error names the file: \(r.err)")
        }
    }

    @Test func hugeBleedIsRefused() throws {
        let d = CLITests.temp()
        try CLITests.issue(Self.article).write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        for flag in ["--bleed", "--slug"] {
            let r = try CLITests.run(["render", d + "/i.json", "-o", d + "/o.pdf", "--print", flag, "1e300mm"])
            #expect(r.status == 1 && r.err.contains(flag))
        }
        let dpi = try CLITests.run(["render", d + "/i.json", "-o", d + "/o.pdf", "--png", d + "/p", "--dpi", "1e30"])
        #expect(dpi.status == 64 && dpi.err.contains("--dpi"))
    }
}

/// An image whose header reads but whose data is cut short fails only when it is drawn;
/// the error must still name the JSON field, the file, and leave no output behind.
@Suite struct BrokenImageTests {
    @Test func truncatedPNGIsReportedAgainstItsJSONField() throws {
        let d = CLITests.temp()
        let png = try Data(contentsOf: URL(fileURLWithPath: CLITests.repo + "/Layouts/img/ad-news-contest.png"))
        try png.prefix(png.count / 3).write(to: URL(fileURLWithPath: d + "/cut.png"))
        let element = #"{ "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 30, "photos": [ { "file": "cut.png", "column": 1, "span": 2, "top": 0, "height": 12 } ], "body": ["正文。"] }"#
        try CLITests.issue(element).write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try CLITests.run(["render", d + "/i.json", "-o", d + "/o.pdf", "-q"])
        #expect(r.status != 0)
        #expect(r.err.contains("pages[0].elements[0].photos[0].file"), "\(r.err)")
        #expect(r.err.contains("cut.png"), "\(r.err)")
        #expect(r.err.contains("i.json"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: d + "/o.pdf"))
    }
}
