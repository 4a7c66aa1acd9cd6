import ArgumentParser
import Foundation
import BroadsheetDisplay
import BroadsheetLayout
import BroadsheetRender
import BroadsheetText

/// `broadsheet galley`: plain text (one paragraph per line) set justified in columns, for
/// proofs of the composer and for the peer benchmark's job.
struct GalleyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "galley",
        abstract: "Set plain text (one paragraph per line) in justified columns, page after page, to PDF.")

    @Argument(help: "UTF-8 text file, one paragraph per line.")
    var input: String

    @Option(name: .shortAndLong, help: "PDF file to write.")
    var output: String

    @Option(help: "Page size WIDTHxHEIGHT, e.g. 370x520mm.")
    var page: String = "370x520mm"

    @Option(help: "Margin on every side.")
    var margin: String = "10mm"

    @Option(help: "Number of columns.")
    var columns: Int = 8

    @Option(help: "Space between columns.")
    var gutter: String = "4mm"

    @Option(help: "Type size.")
    var size: String = "9pt"

    @Option(help: "Line pitch (baseline to baseline).")
    var leading: String = "13pt"

    @Option(name: .customLong("font"), help: "Font role from Fonts/fonts.json.")
    var role: String = "body"

    @Option(help: "First-line indent in em.")
    var indent: Double = 2

    @Option(help: "Punctuation style: gb, quanjiao, kaiming, banjiao.")
    var punctuation: String = "gb"

    @Option(help: "Line-start/end rules: strict, gb, basic, none.")
    var prohibition: String = "strict"

    @Flag(help: "Break line by line instead of over the whole paragraph.")
    var greedy = false

    @Flag(help: "Drop an opening mark's ½-em blank at line starts (its em box then enters the gutter).")
    var trimOpening = false

    @Flag(help: "Let a line-final 、，。 hang past the column edge.")
    var hanging = false

    @Option(help: "Write one PNG per page into this folder.")
    var png: String?

    @Option(help: "PNG resolution in dots per inch.")
    var dpi: Double = 150

    @Option(help: "Write the composer's per-line explanation (range, text, width, ratio, break rule) here.")
    var explain: String?

    @Flag(help: "With --explain, also list every glyph's x position on its line.")
    var explainGlyphs = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print the time each stage took (read, compose, render) to stderr.")
    var timing = false

    func length(_ s: String, _ name: String) throws -> Double {
        guard let l = Length.parse(s, defaultUnit: "pt") else { throw ValidationError("--\(name): not a length: \(s)") }
        return l.points(em: 9)
    }

    func pageSize() throws -> (Double, Double) {
        let parts = page.lowercased().split(separator: "x").map(String.init)
        guard parts.count == 2 else { throw ValidationError("--page: expected WIDTHxHEIGHT, e.g. 370x520mm") }
        let unit = String(parts[1].drop { $0.isNumber || $0 == "." })
        let w = parts[0].allSatisfy { $0.isNumber || $0 == "." } ? parts[0] + (unit.isEmpty ? "mm" : unit) : parts[0]
        let h = unit.isEmpty ? parts[1] + "mm" : parts[1]
        return (try length(w, "page"), try length(h, "page"))
    }

    func validate() throws {
        if png != nil { try checkDPI(dpi) }
    }

    func run() throws {
        guard let style = PunctuationStyle(rawValue: punctuation) else {
            throw ValidationError("--punctuation: one of \(PunctuationStyle.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let level = ProhibitionLevel(rawValue: prohibition) else {
            throw ValidationError("--prohibition: one of \(ProhibitionLevel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let (w, h) = try pageSize()
        let options = ComposerOptions(mode: greedy ? .greedy : .optimal, punctuationStyle: style, prohibition: level,
                                      hanging: hanging, firstLineIndent: indent,
                                      trimOpeningAtLineStart: trimOpening)
        let m = try length(margin, "margin"), g = try length(gutter, "gutter")
        let sz = try length(size, "size"), ld = try length(leading, "leading")
        // Ranges a galley can be set in; outside them the arithmetic of columns and lines breaks.
        guard w > 0, h > 0 else { throw ValidationError("--page: width and height must be positive") }
        guard m >= 0, 2 * m < min(w, h) else { throw ValidationError("--margin: must be from 0 to less than half the page") }
        guard g >= 0 else { throw ValidationError("--gutter: must not be negative") }
        guard (1...64).contains(columns) else { throw ValidationError("--columns: must be from 1 to 64") }
        guard sz > 0, sz <= 400 else { throw ValidationError("--size: must be above 0 and at most 400pt") }
        guard ld > 0, ld <= 1600, ld < h - 2 * m else { throw ValidationError("--leading: must be positive and less than the type area's height") }
        guard (w - 2 * m - Double(columns - 1) * g) / Double(columns) >= sz else {
            throw ValidationError("--columns/--gutter: a column would be narrower than one character")
        }
        let spec = GalleySpec(pageWidth: w, pageHeight: h, margin: m, columns: columns,
                              gutter: g, size: sz, leading: ld, role: role, composer: options)
        try reportingErrors(exitCode: ExitStatus.inputError) {
            var clock = DispatchTime.now().uptimeNanoseconds
            func lap(_ stage: String) {
                let now = DispatchTime.now().uptimeNanoseconds
                if timing { stderr("\(stage): \(String(format: "%.1f", Double(now - clock) / 1e6)) ms") }
                clock = now
            }
            guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
            let text = String(decoding: data, as: UTF8.self)
            let store = try FontStore.bundled()
            let galley = Galley(store: store, spec: spec)
            lap("read + fonts")
            // Pages go to the PDF writer as they fill, while later paragraphs are still being
            // broken on the other cores.
            var ropts = RenderOptions()
            ropts.minimumImagePPI = 0
            let title = (input as NSString).lastPathComponent
            let pdf = GalleyPDFSink(title: title, date: spec.date, options: ropts)
            // Pages and paragraphs are kept only for what needs them after the PDF.
            let result = try galley.layout(paragraphs: Galley.paragraphs(of: text), title: title, sink: pdf,
                                           keep: png != nil || explain != nil)
            lap("compose + draw (\(String(format: "%.1f", result.secondsGettingPages * 1000)) ms of it getting pages to draw)")
            let renderWarnings = try pdf.finish(writingTo: output)
            lap("write PDF")
            for w in renderWarnings { stderr("warning: \(w)") }
            if let dir = png {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                try PNGRenderer().write(result.document, toDirectory: dir, dpi: dpi)
            }
            if let path = explain {
                var out = ""
                for (i, p) in result.paragraphs.enumerated() {
                    out += "paragraph \(i + 1)\n"
                    out += ComposerExplanation(paragraph: p).dump(glyphs: explainGlyphs)
                }
                try AtomicText.write(out, to: path)
            }
            if !quiet {
                print("wrote \(output): \(result.pageCount) page(s), \(result.lines) lines, \(result.characters) characters, column \(String(format: "%.2f", spec.columnWidth)) pt")
            }
            if result.overfullLines > 0 { stderr("warning: \(result.overfullLines) overfull line(s)") }
            // Done: leave without freeing the galley piece by piece. A 100k-character galley is
            // ~50 000 small allocations (lines, runs, strings), and releasing them one by one
            // took ~5 ms that the system does at once when the process ends (compilers skip
            // freeing at exit for the same reason). Nothing is left unwritten: the PDF is
            // renamed into place, and stdio is flushed here. _exit, not exit: no atexit
            // handler or library destructor runs while an abandoned font preparation may
            // still be inside HarfBuzz or Cairo on another thread.
            fflush(nil)
            _exit(ExitCode.success.rawValue)
        }
    }
}

/// Hands galley pages to a PDF writer made once the galley knows its glyphs.
final class GalleyPDFSink: GalleyPageSink {
    let title: String
    let date: String
    let options: RenderOptions
    private var writer: PDFPageWriter?

    init(title: String, date: String, options: RenderOptions) {
        self.title = title; self.date = date; self.options = options
    }

    func prepare(_ glyphs: GlyphManifest) throws {
        writer?.abandon()       // a guess that fell short: its fonts are not needed
        writer = try PDFPageWriter(title: title, date: date, glyphs: glyphs, options: options)
    }

    func add(_ page: DisplayPage) throws {
        guard let writer else { throw CLIError("galley: page before the glyph manifest") }
        try writer.add(page)
    }

    var isReady: Bool { writer?.isReady ?? true }

    func finish(writingTo path: String) throws -> [RenderWarning] {
        guard let writer else { throw CLIError("galley: no pages were set") }
        return try writer.finish(writingTo: path)
    }
}
