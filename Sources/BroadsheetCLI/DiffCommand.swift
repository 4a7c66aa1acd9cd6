import ArgumentParser

/// Placeholder until the image-diff work lands.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff")
}
