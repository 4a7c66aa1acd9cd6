import ArgumentParser
import Foundation
import BroadsheetDisplay
import BroadsheetLayout
import BroadsheetRender
import BroadsheetText

/// Exit codes a pipeline can branch on.
enum ExitStatus {
    /// Input or output problem: the message names the file and JSON path.
    static let inputError: Int32 = 1
    /// Everything was drawn, but some story did not fit and no continuation took it.
    static let overset: Int32 = 3
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Compose an issue JSON and draw it to PDF (and PNG).")

    @Argument(help: "The issue JSON file.")
    var input: String

    @Option(name: .shortAndLong, help: "PDF file to write.")
    var output: String

    @Option(help: "Also write one PNG per page into this folder.")
    var png: String?

    @Option(help: "PNG resolution in dots per inch.")
    var dpi: Double = 150

    @Option(help: "Write the full layout report (per article and page) as JSON here.")
    var report: String?

    @Option(help: "Write the display list as readable text here (for tests and debugging).")
    var dump: String?

    @Flag(help: "Exit 0 even when a story is overset.")
    var allowOverset = false

    @Flag(help: "Print output: trim plus bleed, crop and registration marks, TrimBox and BleedBox.")
    var print = false

    @Option(help: "Bleed for --print, e.g. 3mm.")
    var bleed: String = "3mm"

    @Option(help: "Slug for --print: extra margin outside the bleed that takes the marks (0 puts them in the bleed band).")
    var slug: String = "0mm"

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    /// 50 mm: far beyond any printer's bleed or slug, small enough to keep marks finite.
    static let maxBleed = 50 * 72 / 25.4

    func validate() throws {
        if png != nil { try checkDPI(dpi) }
    }

    func run() throws {
        try reportingErrors(exitCode: ExitStatus.inputError) {
            let store = try FontStore.bundled()
            let composed = try IssueComposer(store: store).compose(issueAt: input)
            var options = RenderOptions()
            if print {
                // Sane ranges: a press sheet has millimetres of bleed and slug, not metres, and
                // a huge value would make Cairo trace marks forever.
                guard let b = Length.parse(bleed, defaultUnit: "mm"), b.points() >= 0, b.points() <= Self.maxBleed else {
                    throw CLIError("--bleed: expected a length from 0 to 50mm, got \(bleed)")
                }
                guard let sl = Length.parse(slug, defaultUnit: "mm"), sl.points() >= 0, sl.points() <= Self.maxBleed else {
                    throw CLIError("--slug: expected a length from 0 to 50mm, got \(slug)")
                }
                options.print = PrintGeometry(bleed: b.points(), markLength: sl.points())
            }
            // Layout already reports image resolution against the newsprint minimum, with JSON paths.
            options.minimumImagePPI = 0
            // An image that fails only when drawn is blamed on the issue file and its field, as
            // layout errors are.
            func locating<T>(_ body: () throws -> T) throws -> T {
                do { return try body() } catch let error as RenderError {
                    if case .image = error { throw CLIError("\(input): \(error)") }
                    throw error
                }
            }
            let warnings = try locating { try PDFRenderer().write(composed.document, to: output, options: options) }
            if let dir = png {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                _ = try locating { try PNGRenderer().write(composed.document, toDirectory: dir, dpi: dpi) }
            }
            // Preflight reads back the PDF we wrote: fonts as the plant's tools will see them.
            let preflight = try PreflightSummary.check(pdf: output, document: composed.document)
            if let path = report {
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let full = FullReport(articles: composed.report.articles, pages: composed.report.pages,
                                      warnings: composed.report.warnings, missingGlyphs: composed.report.missingGlyphs,
                                      preflight: preflight)
                try AtomicText.write(String(decoding: try enc.encode(full), as: UTF8.self) + "\n", to: path)
            }
            if let path = dump { try AtomicText.write(DisplayDump.dump(composed.document), to: path) }
            for w in composed.report.warnings { stderr("warning: \(w)") }
            for w in warnings { stderr("warning: \(w)") }
            if !quiet {
                Swift.print(composed.report.table(), terminator: "")
                if print {
                    Swift.print(preflight.text(overset: composed.report.articles.filter { $0.overset != nil }.count,
                                               missingGlyphs: composed.report.missingGlyphs.count), terminator: "")
                }
                Swift.print("wrote \(output) (\(composed.document.pages.count) page\(composed.document.pages.count == 1 ? "" : "s"))")
            }
            if composed.report.hasOverset && !allowOverset {
                for a in composed.report.articles {
                    guard let o = a.overset else { continue }
                    stderr("overset: \(a.id) on page \(a.page): \(o.characters) characters (\(o.lines) lines) from “\(o.firstWords)…”")
                }
                throw ExitCode(ExitStatus.overset)
            }
        }
    }
}

struct CLIError: Error {
    let message: String
    init(_ m: String) { message = m }
}

func stderr(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Small text outputs (report, dump) are written like the PDF: temp file, then rename.
enum AtomicText {
    static func write(_ s: String, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(s.utf8)) else {
            throw CLIError("cannot write \(path)")
        }
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// The `--report` JSON: the layout report plus the preflight of the written PDF.
struct FullReport: Codable {
    var articles: [ArticleReport]
    var pages: [PageReport]
    var warnings: [LayoutWarning]
    var missingGlyphs: [String]
    var preflight: PreflightSummary
}

/// Resolutions a page can be rasterised at: a broadsheet page at 2400 dpi is about 37,000 px
/// high, past Cairo's 32,767-px limit, so the range stops well before anything breaks.
func checkDPI(_ dpi: Double) throws {
    guard dpi.isFinite, dpi >= 1, dpi <= 1200 else {
        throw ValidationError("--dpi: must be from 1 to 1200")
    }
}
