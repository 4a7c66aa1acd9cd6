import Foundation

/// A problem with the input, located the way an editor finds it: the file and the JSON path
/// (`pages[0].elements[3].span`). Printed as one line.
public struct LayoutError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var path: String
    public var message: String
    public init(file: String, path: String, _ message: String) {
        self.file = file; self.path = path; self.message = message
    }
    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }

    /// Turns a `DecodingError` into a located one-line error.
    public static func from(_ error: DecodingError, file: String) -> LayoutError {
        switch error {
        case .keyNotFound(let key, let ctx):
            return LayoutError(file: file, path: jsonPath(ctx.codingPath + [key]), "required field is missing")
        case .typeMismatch(let type, let ctx):
            return LayoutError(file: file, path: jsonPath(ctx.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let ctx):
            return LayoutError(file: file, path: jsonPath(ctx.codingPath), "expected \(describe(type)), found null")
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                let underlying = (ctx.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return LayoutError(file: file, path: "", "invalid JSON: \(underlying ?? ctx.debugDescription)")
            }
            return LayoutError(file: file, path: jsonPath(ctx.codingPath), ctx.debugDescription)
        @unknown default:
            return LayoutError(file: file, path: "", "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let n = "\(type)"
            if n.hasPrefix("Array") { return "a list" }
            if n.hasPrefix("Dictionary") { return "an object" }
            return n
        }
    }
}

/// `pages[0].elements[3].span` from a coding path.
public func jsonPath(_ path: [CodingKey]) -> String {
    var s = ""
    for k in path {
        if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
    }
    return s
}

/// Warnings that do not stop a render but must reach the user (missing glyphs, low image
/// resolution, aspect-ratio mismatches): collected with their location and printed.
public struct LayoutWarning: Sendable, Hashable, CustomStringConvertible, Codable {
    public var path: String
    public var message: String
    public init(path: String, _ message: String) { self.path = path; self.message = message }
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
