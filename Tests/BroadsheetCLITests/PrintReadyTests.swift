import Foundation
import Testing

/// What a printing plant checks, read back from the PDF of the sample issue with poppler's
/// own tools: photos embedded as the original JPEGs, fonts embedded, vector ads still vector,
/// jump lines in the text layer, and trim/bleed boxes with marks outside the trim.
@Suite struct PrintReadyTests {
    static let sample = CLITests.repo + "/Layouts/samples/pinghu-2025-01-10.json"

    static func tool(_ name: String, _ args: [String]) throws -> String? {
        let path = "/usr/bin/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let o = Pipe()
        p.standardOutput = o
        p.standardError = FileHandle.nullDevice
        try p.run()
        let d = o.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: d, as: UTF8.self)
    }

    static let rendered: String = {
        let d = CLITests.temp()
        _ = try? CLITests.run(["render", sample, "-o", d + "/s.pdf", "-q", "--dump", d + "/dump.txt"])
        return d
    }()

    @Test func photosAreTheOriginalJPEGsAndFontsAreEmbedded() throws {
        let pdf = Self.rendered + "/s.pdf"
        guard let list = try Self.tool("pdfimages", ["-list", pdf]), let fonts = try Self.tool("pdffonts", [pdf]) else {
            Issue.record("poppler-utils missing"); return
        }
        let rows = list.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        // page num type width height color comp bpc enc …
        let jpegs = rows.filter { $0.count > 8 && $0[8] == "jpeg" }
        #expect(jpegs.contains { $0[3] == "640" && $0[4] == "427" }, "the rocket photo at its 640×427 px")
        #expect(!jpegs.isEmpty)
        let fontRows = fonts.split(separator: "\n").dropFirst(2)
        #expect(fontRows.count >= 4)
        for r in fontRows {
            let cols = r.split(separator: " ", omittingEmptySubsequences: true)
            // name … emb sub uni object ID: emb/sub are the 5th and 4th from the end.
            #expect(cols[cols.count - 5] == "yes", "font not embedded: \(r)")
            #expect(r.contains("+"), "font not subset: \(r)")
        }
    }

    @Test func jumpLinesAreInTheTextLayerOfBothPages() throws {
        let pdf = Self.rendered + "/s.pdf"
        guard let p1 = try Self.tool("pdftotext", ["-f", "1", "-l", "1", pdf, "-"]),
              let p2 = try Self.tool("pdftotext", ["-f", "2", "-l", "2", pdf, "-"]) else {
            Issue.record("poppler-utils missing"); return
        }
        #expect(p1.contains("（下转2版）"))
        #expect(p2.contains("（上接1版）"))
    }

    @Test func vectorAdStaysTextNotImage() throws {
        let pdf = Self.rendered + "/s.pdf"
        let dump = try String(contentsOfFile: Self.rendered + "/dump.txt", encoding: .utf8)
        // The page that carries a PDF ad, and how many raster images the display list put there.
        var page = 0, adPage = 0, raster: [Int: Int] = [:]
        for line in dump.split(separator: "\n") {
            if line.hasPrefix("page ") { page = Int(line.split(separator: " ")[1])! }
            if line.contains(" pdf:ad-") && adPage == 0 { adPage = page }
            if line.contains(" jpeg:") || line.contains(" png:") { raster[page, default: 0] += 1 }
        }
        #expect(adPage > 0, "the sample places a PDF ad")
        guard let text = try Self.tool("pdftotext", ["-f", "\(adPage)", "-l", "\(adPage)", pdf, "-"]),
              let list = try Self.tool("pdfimages", ["-f", "\(adPage)", "-l", "\(adPage)", "-list", pdf]) else {
            Issue.record("poppler-utils missing"); return
        }
        #expect(text.contains("金蛇迎春") || text.contains("年货大集"))
        #expect(list.split(separator: "\n").count - 2 == raster[adPage, default: 0], "the PDF ad became an image")
    }

    @Test func printOutputHasTrimAndBleedBoxesAndMarksOutsideTheTrim() throws {
        let d = CLITests.temp()
        let r = try CLITests.run(["render", Self.sample, "-o", d + "/p.pdf", "--print", "--bleed", "3mm", "--png", d + "/png", "--dpi", "20"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("preflight:") && r.out.contains("all embedded"))
        guard let info = try Self.tool("pdfinfo", ["-box", d + "/p.pdf"]) else { Issue.record("poppler-utils missing"); return }
        func box(_ name: String) -> [Double] {
            let line = info.split(separator: "\n").first { $0.hasPrefix(name + ":") }!
            return line.split(separator: " ").dropFirst().compactMap { Double($0) }
        }
        let media = box("MediaBox"), trim = box("TrimBox"), bleed = box("BleedBox")
        let b = 3 * 72 / 25.4
        let trimW = 390 * 72 / 25.4, trimH = 545 * 72 / 25.4
        #expect(abs(media[2] - media[0] - (trimW + 2 * b)) < 0.05)
        #expect(abs(media[3] - media[1] - (trimH + 2 * b)) < 0.05)
        #expect(abs(trim[0] - b) < 0.05 && abs(trim[2] - trim[0] - trimW) < 0.05)
        #expect(abs(bleed[0]) < 0.05)
        // Crop marks: rasterise the top-left corner of the sheet at 288 dpi (4 px per point)
        // as greyscale PGM and look for ink beside the trim corner, in the bleed band, on the
        // line of the trim's top edge, and for none where that line runs on into the trim.
        let scale = 4.0
        let side = Int((b + 20) * scale)
        guard try Self.tool("pdftoppm", ["-r", "288", "-f", "1", "-l", "1", "-gray", "-x", "0", "-y", "0",
                                         "-W", "\(side)", "-H", "\(side)", d + "/p.pdf", d + "/corner"]) != nil else { return }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: d).first { $0.hasPrefix("corner") && $0.hasSuffix(".pgm") })
        let pgm = try Data(contentsOf: URL(fileURLWithPath: d + "/" + name))
        // P5 header: "P5\n<w> <h>\n255\n" then bytes.
        var fields: [String] = [], i = 0, cur = ""
        while fields.count < 4, i < pgm.count {
            let c = pgm[i]; i += 1
            if c == 0x0A || c == 0x20 { if !cur.isEmpty { fields.append(cur); cur = "" } } else { cur.append(Character(UnicodeScalar(c))) }
        }
        let w = try #require(Int(fields[1])), h = try #require(Int(fields[2]))
        func grey(_ x: Int, _ y: Int) -> UInt8 { pgm[i + y * w + x] }
        let corner = Int((b * scale).rounded())
        #expect(w == side && h == side)
        // The horizontal crop mark: on the trim's top edge (± a pixel), left of the trim.
        let markInk = (1..<(corner - 2)).map { x in (corner - 2...corner + 2).map { grey(x, $0) }.min()! }.min()!
        #expect(markInk < 128, "no crop mark in the bleed band left of the trim corner")
        // Nothing of it inside the trim: the same line just right of the corner is blank.
        let inside = ((corner + 3)..<(corner + 40)).map { x in (corner - 2...corner + 2).map { grey(x, $0) }.min()! }.min()!
        #expect(inside > 200, "a mark runs into the trim")
    }
}
