import ArgumentParser
import BroadsheetDiff
import BroadsheetLayout
import BroadsheetRender
import BroadsheetText

/// An error about the user's input or output that is told in one line. Bugs are not
/// marked so, and keep propagating: they are never hidden behind a tidy message.
protocol OneLineError: Error, CustomStringConvertible {}
extension LayoutError: OneLineError {}
extension FontError: OneLineError {}
extension RenderError: OneLineError {}
extension DiffError: OneLineError {}
extension GalleyError: OneLineError {}
extension CLIError: OneLineError {
    var description: String { message }
}

/// Every command reports a failure the same way: one line on stderr that names the file
/// (and JSON path, when there is one), then a non-zero exit a pipeline can branch on.
func reportingErrors(exitCode: Int32, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as any OneLineError {
        stderr("broadsheet: \(e)")
        throw ExitCode(exitCode)
    }
}
