import ArgumentParser
import Dispatch
import BroadsheetRender

@main
struct Broadsheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "Lay out Chinese broadsheet pages from JSON and draw them to PDF and PNG.",
        subcommands: [RenderCommand.self, GalleyCommand.self, DiffCommand.self, SnapshotCommand.self]
    )

    static func main() {
        // First, while this is the only thread: PDF page content is deflated by our writers
        // (on every core) rather than by Cairo (see PDFContentCompression).
        PDFContentCompression.takeOverFromCairo()
        // Then start a libdispatch worker thread, so that one exists by the time the PDF
        // writer hands over the font preparation: creating it costs about 1 ms, which this
        // way overlaps argument parsing instead of delaying the critical path (one-page
        // galley 66.9 → 65.0 ms median, 24 paired runs). Idle workers live for seconds.
        DispatchQueue.global(qos: .userInitiated).async {}
        main(nil)
    }
}
