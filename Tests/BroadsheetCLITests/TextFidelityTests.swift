import Foundation
import Testing

/// The PDF's text layer must give back exactly what was written: Noto CJK draws 日 with the
/// same glyph as the Kangxi radical ⽇, so only real cluster maps keep copy and search right.
@Suite struct TextFidelityTests {
    static func pdftotext(_ args: [String]) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = args
        let o = Pipe()
        p.standardOutput = o
        try p.run()
        let d = o.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self)
    }

    static func squeeze(_ s: String) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }

    @Test func shapedTextComesBackExactly() throws {
        let d = CLITests.temp()
        let text = "日长色入石大，推动AI大模型应用，同比增长132.2%。“新星”产业——集群……"
        let json = CLITests.issue("""
            { "type": "text", "x": "20mm", "y": "20mm", "width": "200mm", "height": "50mm", "paragraphs": [ { "style": "body", "text": "\(text)" } ] }
            """)
        try json.write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try CLITests.run(["render", d + "/i.json", "-o", d + "/out.pdf", "-q"])
        #expect(r.status == 0, "\(r.err)")
        guard let out = try Self.pdftotext([d + "/out.pdf", "-"]) else {
            Issue.record("pdftotext (poppler-utils) is not installed")
            return
        }
        let got = Self.squeeze(out)
        #expect(got.contains(Self.squeeze(text)), "got \(got)")
        #expect(!got.contains("⽇"))
    }

    @Test func everyArticleOfTheSampleIsInTheTextLayerInOrder() throws {
        let d = CLITests.temp()
        let sample = CLITests.repo + "/Layouts/samples/pinghu-2025-01-10.json"
        let r = try CLITests.run(["render", sample, "-o", d + "/s.pdf", "-q"])
        #expect(r.status == 0, "\(r.err)")
        guard let raw = try Self.pdftotext(["-raw", d + "/s.pdf", "-"]) else {
            Issue.record("pdftotext (poppler-utils) is not installed")
            return
        }
        let all = Self.squeeze(raw)
        for id in ["lead", "visit", "book"] {
            let body = try String(contentsOfFile: CLITests.repo + "/Layouts/samples/frontpage/\(id).txt", encoding: .utf8)
            for para in body.split(separator: "\n") where !para.hasPrefix("## ") {
                #expect(all.contains(Self.squeeze(String(para))), "\(id): paragraph missing: \(para.prefix(20))")
            }
        }
    }
}
