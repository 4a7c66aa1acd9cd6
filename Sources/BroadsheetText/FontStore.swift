import Foundation

/// Index of an opened face inside a `FontStore`; cheap to copy into every shaped cluster.
public typealias FontID = Int

/// Opens each face once and resolves font roles to fallback chains. Shared by every paragraph
/// of a run; lookups are guarded by a lock because columns may be composed concurrently.
public final class FontStore: @unchecked Sendable {
    public let manifest: FontManifest
    private let lock = NSLock()
    private var fonts: [HarfBuzzFont] = []
    private var idByFace: [String: FontID] = [:]
    private var chains: [String: [FontID]] = [:]
    private var extraRoles: [String: FontManifest.Role] = [:]
    private var extraFaces: [String: FontManifest.Face] = [:]

    public init(manifest: FontManifest) {
        self.manifest = manifest
    }

    /// The store for the bundled manifest (see `FontManifest.locateDefault`).
    public static func bundled() throws(FontError) -> FontStore {
        guard let path = FontManifest.locateDefault() else {
            throw .manifest("font manifest Fonts/fonts.json not found (set BROADSHEET_FONTS to its path)")
        }
        return FontStore(manifest: try FontManifest.load(path: path))
    }

    public var roleNames: [String] {
        lock.lock(); defer { lock.unlock() }
        return Array(Set(manifest.roles.keys).union(extraRoles.keys)).sorted()
    }

    public func hasRole(_ role: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return manifest.roles[role] != nil || extraRoles[role] != nil
    }

    /// Adds a user font (an explicit path from the input) as a role of its own, falling back
    /// to the given roles' chains.
    public func addRole(_ name: String, file: String, index: Int, fallback: [String]) {
        lock.lock(); defer { lock.unlock() }
        let faceKey = "user:\(name)"
        extraFaces[faceKey] = FontManifest.Face(file: file, index: index)
        extraRoles[name] = FontManifest.Role(face: faceKey, fallback: fallback)
        chains[name] = nil
    }

    /// The faces tried in order for a role: its own face, then its declared fallbacks.
    public func chain(for role: String) throws(FontError) -> [FontID] {
        lock.lock(); defer { lock.unlock() }
        if let c = chains[role] { return c }
        guard let r = extraRoles[role] ?? manifest.roles[role] else {
            throw .unknownRole(role, known: Array(Set(manifest.roles.keys).union(extraRoles.keys)).sorted())
        }
        var ids: [FontID] = []
        var faceNames = [r.face]
        for fb in r.fallback {
            // A fallback may name a role (whose own face is used) or a face directly.
            if let fr = extraRoles[fb] ?? manifest.roles[fb] { faceNames.append(fr.face) } else { faceNames.append(fb) }
        }
        for name in faceNames {
            let id = try openLocked(faceName: name)
            if !ids.contains(id) { ids.append(id) }
        }
        chains[role] = ids
        return ids
    }

    private func openLocked(faceName: String) throws(FontError) -> FontID {
        guard let face = extraFaces[faceName] ?? manifest.faces[faceName] else {
            throw .manifest("font face '\(faceName)' is not defined in the manifest")
        }
        let path = face.file.hasPrefix("/") || extraFaces[faceName] != nil ? face.file : manifest.resolvedPath(of: face)
        let key = "\(path)#\(face.index)"
        if let id = idByFace[key] { return id }
        let font = try HarfBuzzFont(path: path, faceIndex: face.index)
        fonts.append(font)
        idByFace[key] = fonts.count - 1
        return fonts.count - 1
    }

    public func font(_ id: FontID) -> HarfBuzzFont {
        lock.lock(); defer { lock.unlock() }
        return fonts[id]
    }

    /// A human name for reports: the manifest's face name, else the file name.
    public func displayName(_ id: FontID) -> String {
        let f = font(id)
        for face in manifest.faces.values where manifest.resolvedPath(of: face) == f.path && face.index == f.faceIndex {
            if let n = face.name { return n }
        }
        return "\((f.path as NSString).lastPathComponent)#\(f.faceIndex)"
    }
}
