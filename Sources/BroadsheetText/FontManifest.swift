import Foundation

/// `Fonts/fonts.json`: which file and face stands behind each font role, and the fallback
/// chain of each role. The engine never asks fontconfig, so the same manifest gives the same
/// glyphs on every machine.
public struct FontManifest: Codable, Sendable {
    public struct Face: Codable, Sendable, Equatable {
        public var file: String
        public var index: Int
        public var package: String?
        public var name: String?
        public var sha256: String?
        public init(file: String, index: Int, package: String? = nil, name: String? = nil, sha256: String? = nil) {
            self.file = file; self.index = index; self.package = package; self.name = name; self.sha256 = sha256
        }
    }
    public struct Role: Codable, Sendable, Equatable {
        public var face: String
        public var fallback: [String]
        public init(face: String, fallback: [String] = []) { self.face = face; self.fallback = fallback }
    }
    public var faces: [String: Face]
    public var roles: [String: Role]

    /// Where the manifest was read from; relative `file` entries resolve against it.
    public var directory: String = ""

    enum CodingKeys: String, CodingKey { case faces, roles }

    public init(faces: [String: Face], roles: [String: Role], directory: String = "") {
        self.faces = faces; self.roles = roles; self.directory = directory
    }

    public static func load(path: String) throws(FontError) -> FontManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .manifest("font manifest not found: \(path)")
        }
        var manifest: FontManifest
        do {
            manifest = try JSONDecoder().decode(FontManifest.self, from: data)
        } catch {
            throw .manifest("\(path): invalid font manifest: \(error)")
        }
        manifest.directory = (path as NSString).deletingLastPathComponent
        for (name, role) in manifest.roles.sorted(by: { $0.key < $1.key }) {
            for face in [role.face] + role.fallback where manifest.faces[face] == nil {
                throw .manifest("\(path): roles.\(name) names face '\(face)', which faces does not define")
            }
        }
        return manifest
    }

    public func resolvedPath(of face: Face) -> String {
        face.file.hasPrefix("/") ? face.file : (directory as NSString).appendingPathComponent(face.file)
    }

    /// Finds `Fonts/fonts.json`: `$BROADSHEET_FONTS` (a manifest file or its folder) first, then
    /// the current directory and its parents, then the checkout this binary was built from, so
    /// the CLI works from any folder of a clone without configuration.
    public static func locateDefault() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["BROADSHEET_FONTS"], !env.isEmpty {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: env, isDirectory: &isDir) {
                return isDir.boolValue ? (env as NSString).appendingPathComponent("fonts.json") : env
            }
        }
        var dir = fm.currentDirectoryPath
        while true {
            let candidate = (dir as NSString).appendingPathComponent("Fonts/fonts.json")
            if fm.fileExists(atPath: candidate) { return candidate }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        // Sources/BroadsheetText/FontManifest.swift → checkout root.
        let root = ((#filePath as NSString).deletingLastPathComponent as NSString)
            .deletingLastPathComponent as NSString
        let built = (root.deletingLastPathComponent as NSString).appendingPathComponent("Fonts/fonts.json")
        return fm.fileExists(atPath: built) ? built : nil
    }
}
