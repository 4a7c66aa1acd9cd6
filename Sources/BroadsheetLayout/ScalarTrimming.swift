extension String {
    /// The text without the leading and trailing scalars `blank` matches. Scalar by scalar
    /// and only at the two ends, so that a line with nothing to trim comes back as is: the
    /// galley trims every paragraph before the font preparation can start, and Foundation's
    /// `trimmingCharacters(in:)` goes through NSString.
    func trimmingScalars(where blank: (Unicode.Scalar) -> Bool) -> String {
        let u = unicodeScalars
        guard let first = u.firstIndex(where: { !blank($0) }), let last = u.lastIndex(where: { !blank($0) }) else {
            return ""
        }
        if first == u.startIndex, u.index(after: last) == u.endIndex { return self }
        return String(u[first...last])
    }
}
