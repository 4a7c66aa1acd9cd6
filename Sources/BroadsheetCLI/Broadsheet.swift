import ArgumentParser

@main
struct Broadsheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "Lay out Chinese broadsheet pages from JSON and draw them to PDF and PNG.",
        subcommands: [RenderCommand.self, GalleyCommand.self, DiffCommand.self, SnapshotCommand.self]
    )
}
