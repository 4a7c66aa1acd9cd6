import ArgumentParser
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
        main(nil)
    }
}
