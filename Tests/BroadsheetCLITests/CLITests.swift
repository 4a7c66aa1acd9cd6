import Foundation
import Testing

/// Runs the built `broadsheet` binary the way a pipeline does, and checks exit codes, the
/// one-line errors and the files it leaves behind.
@Suite struct CLITests {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary sits next to the test bundle in the build folder.
    static let binary: String? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let b = dir.appendingPathComponent("broadsheet").path
            if FileManager.default.isExecutableFile(atPath: b) { return b }
            dir.deleteLastPathComponent()
        }
        let debug = repo + "/.build/debug/broadsheet"
        return FileManager.default.isExecutableFile(atPath: debug) ? debug : nil
    }()

    struct Result { var status: Int32; var out: String; var err: String }

    static func run(_ args: [String], cwd: String? = nil) throws -> Result {
        let bin = try #require(binary, "build the broadsheet executable first (swift build)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = args
        // The binary decides itself whether it deflates page content (CAIRO_DEBUG_PDF): a
        // value in the test runner's environment must not leak into it.
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "CAIRO_DEBUG_PDF")
        p.environment = environment
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let o = Pipe(), e = Pipe()
        p.standardOutput = o
        p.standardError = e
        try p.run()
        let od = o.fileHandleForReading.readDataToEndOfFile()
        let ed = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: od, as: UTF8.self), err: String(decoding: ed, as: UTF8.self))
    }

    static func temp() -> String {
        let d = NSTemporaryDirectory() + "broadsheet-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    static func issue(_ elements: String, styles: String = "") -> String {
        """
        { "paper": { "name": "测试日报" }, "date": "2025-01-10", \(styles)
          "pages": [ { "template": "\(repo)/Layouts/templates/broadsheet.json", "elements": [ \(elements) ] } ] }
        """
    }

    @Test func invalidJSONGivesOneLineAndNoOutput() throws {
        let d = Self.temp()
        try "{ \"paper\": ".write(toFile: d + "/bad.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["render", d + "/bad.json", "-o", d + "/out.pdf"])
        #expect(r.status != 0)
        let lines = r.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(r.err.contains("bad.json") && r.err.contains("invalid JSON"))
        #expect(!FileManager.default.fileExists(atPath: d + "/out.pdf"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: d) == ["bad.json"])
    }

    @Test func missingInputFile() throws {
        let d = Self.temp()
        let r = try Self.run(["render", d + "/nope.json", "-o", d + "/out.pdf"])
        #expect(r.status != 0)
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.err.contains("nope.json") && r.err.contains("file not found"))
    }

    @Test func unknownFontRoleNamesThePathAndRole() throws {
        let d = Self.temp()
        let json = Self.issue("""
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 10, "body": ["正文。"] }
            """, styles: "\"styles\": { \"body\": { \"font\": \"nonesuch\" } },")
        try json.write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["render", d + "/i.json", "-o", d + "/out.pdf"])
        #expect(r.status == 1)
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.err.contains("i.json: pages[0].elements[0].bodyStyle") && r.err.contains("unknown font role 'nonesuch'"))
        #expect(!FileManager.default.fileExists(atPath: d + "/out.pdf"))
    }

    @Test func negativeFrameWidthIsRejected() throws {
        let d = Self.temp()
        let json = Self.issue("""
            { "type": "text", "x": "20mm", "y": "20mm", "width": "-5mm", "height": "50mm", "paragraphs": [ { "style": "body", "text": "正文。" } ] }
            """)
        try json.write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["render", d + "/i.json", "-o", d + "/out.pdf"])
        #expect(r.status == 1)
        #expect(r.err.contains("pages[0].elements[0].width: must be positive"))
    }

    @Test func missingGlyphIsReportedWithCodePoint() throws {
        let d = Self.temp()
        let json = Self.issue("""
            { "type": "text", "x": "20mm", "y": "20mm", "width": "80mm", "height": "50mm", "paragraphs": [ { "style": "body", "text": "生僻字𪛖在此。" } ] }
            """)
        try json.write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["render", d + "/i.json", "-o", d + "/out.pdf"])
        #expect(r.status == 0)
        #expect(r.err.contains("U+2A6D6") && r.err.contains("𪛖"))
        #expect(FileManager.default.fileExists(atPath: d + "/out.pdf"))
    }

    @Test func relativeInputPathInTheWorkingDirectory() throws {
        // An issue named relative to the working directory, as a pipeline calls it.
        let d = Self.temp()
        let json = Self.issue("""
            { "type": "article", "id": "a", "column": 1, "span": 2, "top": 0, "height": 10, "body": ["正文。"] }
            """)
        try json.write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["render", "i.json", "-o", "out.pdf", "-q"], cwd: d)
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: d + "/out.pdf"))
        let bad = try Self.run(["render", "nope.json", "-o", "out.pdf"], cwd: d)
        #expect(bad.status == 1 && bad.err.contains("nope.json: file not found"))
    }

    @Test func oversetExitsNonZeroUnlessAllowed() throws {
        let d = Self.temp()
        let long = String(repeating: "平湖绿色石化产业、算力产业分别成功入选省级协同区。", count: 10)
        let json = Self.issue("""
            { "type": "article", "id": "tiny", "column": 1, "span": 1, "top": 0, "height": 3, "body": ["\(long)"] }
            """)
        try json.write(toFile: d + "/i.json", atomically: true, encoding: .utf8)
        let r = try Self.run(["render", d + "/i.json", "-o", d + "/out.pdf", "--report", d + "/r.json"])
        #expect(r.status == 3)
        #expect(r.err.contains("overset: tiny"))
        #expect(FileManager.default.fileExists(atPath: d + "/out.pdf"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: d + "/r.json"))) as! [String: Any]
        let articles = report["articles"] as! [[String: Any]]
        #expect((articles[0]["overset"] as? [String: Any])?["characters"] as? Int ?? 0 > 100)
        let ok = try Self.run(["render", d + "/i.json", "-o", d + "/out.pdf", "--allow-overset"])
        #expect(ok.status == 0)
    }

    @Test func sampleRendersAndIsDeterministic() throws {
        let d = Self.temp()
        let sample = Self.repo + "/Layouts/samples/pinghu-2025-01-10.json"
        let a = try Self.run(["render", sample, "-o", d + "/a.pdf", "--png", d + "/pa", "--dpi", "30", "-q"])
        let b = try Self.run(["render", sample, "-o", d + "/b.pdf", "--png", d + "/pb", "--dpi", "30", "-q"])
        #expect(a.status == 0, "\(a.err)")
        #expect(b.status == 0)
        let pa = try Data(contentsOf: URL(fileURLWithPath: d + "/a.pdf"))
        let pb = try Data(contentsOf: URL(fileURLWithPath: d + "/b.pdf"))
        #expect(pa.count > 10_000 && pa == pb)
        for f in try FileManager.default.contentsOfDirectory(atPath: d + "/pa") {
            let x = try Data(contentsOf: URL(fileURLWithPath: d + "/pa/" + f))
            let y = try Data(contentsOf: URL(fileURLWithPath: d + "/pb/" + f))
            #expect(x == y, "\(f) differs between runs")
        }
    }

    /// What a printing plant gets: every stream of the sample issue, printed with marks and
    /// boxes, compressed (page content by our deflate pass), every xref entry pointing at
    /// its object; the same for a galley.
    @Test func printPDFHasEveryStreamCompressedAndAValidXref() throws {
        let d = Self.temp()
        let sample = Self.repo + "/Layouts/samples/pinghu-2025-01-10.json"
        let r = try Self.run(["render", sample, "-o", d + "/p.pdf", "--print", "-q"])
        #expect(r.status == 0, "\(r.err)")
        let g = try Self.run(["galley", Self.repo + "/Layouts/samples/frontpage/lead.txt", "-o", d + "/g.pdf", "-q"])
        #expect(g.status == 0, "\(g.err)")
        for name in ["p.pdf", "g.pdf"] {
            let pdf = [UInt8](try Data(contentsOf: URL(fileURLWithPath: d + "/" + name)))
            let audit = try Self.auditStreams(pdf)
            #expect(audit.streams >= 3, "\(name)")
            #expect(audit.plain == 0, "\(name): \(audit.plain) stream(s) without a filter")
            #expect(audit.badOffsets == 0, "\(name): xref entries that miss their object")
        }
    }

    /// Streams, streams without /Filter, and xref entries not pointing at "n g obj".
    static func auditStreams(_ pdf: [UInt8]) throws -> (streams: Int, plain: Int, badOffsets: Int) {
        func find(_ token: String, from: Int) -> Int? {
            let t = Array(token.utf8)
            var i = from
            while i + t.count <= pdf.count {
                if pdf[i] == t[0] && Array(pdf[i..<(i + t.count)]) == t { return i }
                i += 1
            }
            return nil
        }
        var startxref = pdf.count - 1
        let marker = Array("startxref".utf8)
        while startxref >= 0 && Array(pdf[startxref..<min(pdf.count, startxref + marker.count)]) != marker { startxref -= 1 }
        let tail = String(decoding: pdf[startxref...], as: UTF8.self).split(whereSeparator: \.isWhitespace)
        let xrefAt = try #require(Int(tail[1]))
        let table = String(decoding: pdf[xrefAt..<startxref], as: UTF8.self).split(separator: "\n")
        var bad = 0, streams = 0, plain = 0
        var offsets: [(Int, Int)] = []
        var k = 1, number = 0
        while k < table.count, !table[k].hasPrefix("trailer") {
            let parts = table[k].split(separator: " ")
            if parts.count == 2, let first = Int(parts[0]) { number = first; k += 1; continue }
            if parts.count >= 3, parts[2] == "n", let off = Int(parts[0]) { offsets.append((number, off)) }
            number += 1
            k += 1
        }
        offsets.sort { $0.1 < $1.1 }
        for (index, (n, off)) in offsets.enumerated() {
            let head = "\(n) 0 obj"
            if Array(pdf[off..<min(pdf.count, off + head.utf8.count)]) != Array(head.utf8) { bad += 1; continue }
            let end = index + 1 < offsets.count ? offsets[index + 1].1 : xrefAt
            if let s = find(">>\nstream", from: off), s < end {
                streams += 1
                if find("/Filter", from: off).map({ $0 > s }) ?? true { plain += 1 }
            }
        }
        return (streams, plain, bad)
    }
}
